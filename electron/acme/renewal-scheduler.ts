import { DAY_MS, type AcmeStatus } from '../../shared/acme/acme';
import { renderProblem, type AcmeLocale } from '../../shared/acme/messages';
import type { TrayRenewal } from '../gateway/tray-menu';

/** The tray's renewal lines: the soonest renewal still to come, and the latest failure. */
export function trayRenewal(status: AcmeStatus, locale: AcmeLocale): TrayRenewal | null {
  const live = status.renewals.filter((renewal) => renewal.replacedBy === null);
  if (live.length === 0) return null;
  const next = [...live].sort((a, b) => a.renewAt.localeCompare(b.renewAt))[0];
  const failed = live.filter((renewal) => renewal.lastError).sort((a, b) => (b.nextAttempt ?? '').localeCompare(a.nextAttempt ?? ''))[0];
  return {
    next: { name: next.friendlyName, at: next.renewAt },
    failure: failed
      ? { name: failed.friendlyName, message: renderProblem(failed.lastError!, locale), nextAttempt: failed.nextAttempt }
      : null,
  };
}

export interface SchedulerOptions {
  /** Renews what is due (the core's acme.renewDue). */
  renewDue: () => Promise<unknown>;
  log: (message: string) => void;
  intervalMs?: number;
  setTimer?: (run: () => void, ms: number) => { clear(): void };
}

/**
 * The desktop app's renewal autopilot: one check at start, then one a day while the app runs
 * (it lives on in the tray). A check never overlaps the previous one.
 */
export function startRenewalScheduler(options: SchedulerOptions): () => void {
  const interval = options.intervalMs ?? DAY_MS;
  const setTimer =
    options.setTimer ??
    ((run: () => void, ms: number) => {
      const handle = setTimeout(run, ms);
      handle.unref?.();
      return { clear: () => clearTimeout(handle) };
    });
  let stopped = false;
  let timer: { clear(): void } | undefined;
  const check = async () => {
    try {
      await options.renewDue();
    } catch (error) {
      options.log(`Certificate renewal check failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!stopped) timer = setTimer(() => void check(), interval);
  };
  void check();
  return () => {
    stopped = true;
    timer?.clear();
  };
}
