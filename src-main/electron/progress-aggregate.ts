/**
 * The taskbar/dock progress: one number for all running jobs. Pure aggregate plus a small
 * watcher driven by the engine's events (no electron import).
 */
import type { EngineApi } from '../engine/engine-api.js';

/** Electron's `setProgressBar` value for "no progress bar". */
export const NO_PROGRESS = -1;

/**
 * The running jobs' overall progress as a fraction 0..1 (their mean percent), or NO_PROGRESS
 * when nothing runs. Percents outside 0..100 or not finite are clamped, never trusted.
 */
export function aggregateProgress(items: ReadonlyArray<{ status: string; progressPct: number }>): number {
  let sum = 0;
  let running = 0;
  for (const item of items) {
    if (item.status !== 'running') continue;
    const pct = Number.isFinite(item.progressPct) ? Math.min(100, Math.max(0, item.progressPct)) : 0;
    sum += pct;
    running += 1;
  }
  if (running === 0) return NO_PROGRESS;
  return Math.round((sum / running / 100) * 1000) / 1000;
}

/** Options of {@link watchQueueProgress}. */
export interface WatchProgressOptions {
  /** Called with each new value (never twice in a row with the same one). */
  onChange: (value: number) => void;
  /** At most one update per interval: progress events arrive far faster than a taskbar needs. @default 250 */
  intervalMs?: number;
}

/**
 * Follows the engine's events and reports the aggregate of its running jobs, coalesced to one
 * update per interval. Returns a stop function (unsubscribes, clears the timer).
 */
export function watchQueueProgress(
  engine: Pick<EngineApi, 'subscribe' | 'list'>,
  options: WatchProgressOptions,
): () => void {
  const intervalMs = options.intervalMs ?? 250;
  let last: number | undefined;
  let timer: NodeJS.Timeout | undefined;
  const publish = (): void => {
    timer = undefined;
    const value = aggregateProgress(engine.list({ status: 'running', limit: 200 }));
    if (value === last) return;
    last = value;
    options.onChange(value);
  };
  const unsubscribe = engine.subscribe(() => {
    timer ??= setTimeout(publish, intervalMs);
  });
  publish();
  return () => {
    unsubscribe();
    if (timer) clearTimeout(timer);
    timer = undefined;
  };
}
