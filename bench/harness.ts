import { monitorEventLoopDelay } from 'node:perf_hooks';

/** A benchmark prints one line per measure: the value, its baseline from the same run, their ratio and the target. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** A baseline measured in the same run, when the measure is relative. */
  baseline?: { name: string; value: number };
  /** The target: a ratio when there is a baseline (a difference in `unit` with `compare: 'difference'`), else an absolute value in `unit`. */
  target?: number;
  /** How the value meets its baseline: as a ratio (default), or as a difference where a ratio means nothing. */
  compare?: 'ratio' | 'difference';
  note?: string;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function formatResult(result: BenchResult): string {
  const digits = result.unit === 'tasks' ? 0 : result.unit === 'KB' ? 1 : 2;
  const value = `${result.value.toFixed(digits)} ${result.unit}`;
  let line = `${result.name}: ${value}`;
  if (result.baseline && result.compare === 'difference') {
    const difference = result.value - result.baseline.value;
    line += ` | baseline ${result.baseline.name}: ${result.baseline.value.toFixed(2)} ${result.unit} | difference ${difference.toFixed(2)} ${result.unit}`;
    if (result.target !== undefined) line += ` (target ≤ ${result.target} ${result.unit}) ${difference <= result.target ? 'OK' : 'OVER'}`;
  } else if (result.baseline) {
    const ratio = result.value / result.baseline.value;
    line += ` | baseline ${result.baseline.name}: ${result.baseline.value.toFixed(2)} ${result.unit} | ratio ${ratio.toFixed(2)}`;
    if (result.target !== undefined) line += ` (target ≤ ${result.target}) ${ratio <= result.target ? 'OK' : 'OVER'}`;
  } else if (result.target !== undefined) {
    line += ` (target ≤ ${result.target} ${result.unit}) ${result.value <= result.target ? 'OK' : 'OVER'}`;
  }
  if (result.note) line += ` — ${result.note}`;
  return line;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The longest the event loop was blocked while `action` ran, in ms (1 ms sampling). */
export async function maxLoopDelay(action: () => Promise<unknown>): Promise<number> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  try {
    // The histogram records the gap between two samples, so it needs one before the action
    // (a block at its very start would go unseen) and one after it (a block at its end).
    await pause(10);
    await action();
    await pause(10);
  } finally {
    histogram.disable();
  }
  return histogram.max / 1e6;
}

/** A row comparing the loop's largest delay during each action with the idle loop's over the same spans (at most +20 ms). */
export function loopDelayResult(name: string, delays: number[], idle: number[], each: string): BenchResult {
  return {
    name: `${name} (median of ${delays.length})`,
    value: median(delays),
    unit: 'ms',
    baseline: { name: `max delay of the idle loop over the same spans (median of ${idle.length})`, value: median(idle) },
    compare: 'difference',
    target: 20,
    note: `${each} ${delays.map((d) => d.toFixed(1)).join(' / ')} ms; idle ${idle.map((d) => d.toFixed(1)).join(' / ')} ms`,
  };
}
