import { DAY_MS, type AcmeStatus } from '../../shared/acme/acme';
import { renderProblem, type AcmeLocale } from '../../shared/acme/messages';
import type { RolloverStep } from '../../shared/dns/rollover';
import type { TrayRenewal } from '../../shared/gateway/types';
import { errorMessage } from '../../shared/errors';

/** The tray's renewal lines: the soonest renewal still to come, and the latest failure. */
export function trayRenewal(status: AcmeStatus, locale: AcmeLocale): TrayRenewal | null {
  const live = status.renewals.filter((renewal) => renewal.replacedBy === null);
  const rollover = status.rollover ? renderProblem(status.rollover.waiting, locale) : null;
  if (live.length === 0) return rollover ? { next: null, failure: null, rollover } : null;
  const next = [...live].sort((a, b) => a.renewAt.localeCompare(b.renewAt))[0];
  const failed = live.filter((renewal) => renewal.lastError).sort((a, b) => (b.nextAttempt ?? '').localeCompare(a.nextAttempt ?? ''))[0];
  return {
    next: { name: next.friendlyName, at: next.renewAt },
    failure: failed
      ? { name: failed.friendlyName, message: renderProblem(failed.lastError!, locale), nextAttempt: failed.nextAttempt }
      : null,
    rollover,
  };
}

/** How long a scheduled check waits; the checks continue (e.g. for dns-01) until retired. */
const ROLLOVER_RECHECK_MS = 5 * 60 * 1000;

/**
 * When the autopilot looks again while a DANE rollover is pending: at its switch time once both
 * records are seen, else every few minutes until they are; null when none is pending.
 */
export function rolloverRecheckMs(step: RolloverStep, now: Date): number | null {
  if (step.outcome !== 'staged' && step.outcome !== 'waiting') return null;
  const at = step.rollover?.switchAt;
  if (!at) return ROLLOVER_RECHECK_MS;
  return Math.max(1000, new Date(at).getTime() - now.getTime());
}

export interface SchedulerOptions {
  /** Renews what is due (the core's acme.renewDue); a number asks for the next check that many ms from now. */
  renewDue: () => Promise<number | null | void>;
  log: (message: string) => void;
  intervalMs?: number;
  setTimer?: (run: () => void, ms: number) => { clear(): void };
}

/**
 * The desktop app's renewal autopilot: one check at start, then one a day while the app runs
 * (it lives on in the tray), sooner while a DANE rollover waits. A check never overlaps the previous one.
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
    let sooner: number | null | void = null;
    try {
      sooner = await options.renewDue();
    } catch (error) {
      options.log(`Certificate renewal check failed: ${errorMessage(error)}`);
    }
    // A pending DANE rollover is looked at when it may switch, not a day later.
    if (!stopped) timer = setTimer(() => void check(), typeof sooner === 'number' ? Math.min(sooner, interval) : interval);
  };
  void check();
  return () => {
    stopped = true;
    timer?.clear();
  };
}
