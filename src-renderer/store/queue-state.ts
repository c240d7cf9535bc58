import type { JobStatus, QueueItem, QueueStats } from '../../src-shared/job.js';

/** A queue row: the server's QueueItem plus what the live progress events add. */
export interface JobView extends QueueItem {
  /** Name of the step now running (or last seen), null before the first step event. */
  step: string | null;
  /** That step's own percent. */
  stepPct: number | null;
  /** The step's last progress message ("Scene 3 of 12 done"). */
  message: string | null;
  /** Seconds left as the engine last estimated them; null = still estimating. */
  etaSeconds: number | null;
  /** Client clock (ms) when `etaSeconds` was received, so the countdown can run between events. */
  etaAt: number | null;
}

/** The queue as the global event stream describes it. */
export interface QueueData {
  /** Replaced (never mutated) on every change, so selectors can compare by reference. */
  jobs: ReadonlyMap<string, JobView>;
  /** Job ids, newest first. */
  order: readonly string[];
  /** Pending job ids in the order they will run (the engine's queue order). */
  runOrder: readonly string[];
  /** jobId → 1-based place in `runOrder` ("#2 in queue"). */
  positions: ReadonlyMap<string, number>;
  stats: QueueStats;
  /** seq of the last applied global event: anything at or below it is a replay and is dropped. */
  cursorSeq: number | null;
  /** Raw id of that event, sent back as Last-Event-ID when the stream is re-opened by hand. */
  lastEventId: string | null;
  /** True once a queue-snapshot has arrived. */
  loaded: boolean;
  /** Bumped when a status or the order changes: filtered lists recompute on this, not on progress. */
  listEpoch: number;
}

export const EMPTY_STATS: QueueStats = {
  total: 0,
  pending: 0,
  running: 0,
  paused: 0,
  completed: 0,
  failed: 0,
  canceled: 0,
};

export const INITIAL_QUEUE: QueueData = {
  jobs: new Map(),
  order: [],
  runOrder: [],
  positions: new Map(),
  stats: EMPTY_STATS,
  cursorSeq: null,
  lastEventId: null,
  loaded: false,
  listEpoch: 0,
};

/**
 * The server's row for a job, keeping the live details (step, message, ETA) the previous row had
 * while the job is still running: they come from progress events, which the QueueItem does not hold.
 */
export function toJobView(item: QueueItem, previous?: JobView): JobView {
  const keepLive = previous !== undefined && item.status === 'running' && previous.status === 'running';
  return {
    ...item,
    step: keepLive ? previous.step : null,
    stepPct: keepLive ? previous.stepPct : null,
    message: keepLive ? previous.message : null,
    etaSeconds: keepLive ? previous.etaSeconds : null,
    etaAt: keepLive ? previous.etaAt : null,
  };
}

/** Newest first; ties (same millisecond) by id so the order is stable. */
export function compareNewestFirst(a: QueueItem, b: QueueItem): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  return a.jobId < b.jobId ? 1 : a.jobId > b.jobId ? -1 : 0;
}

/**
 * Run order of pending jobs as a snapshot lists them: by the server's `position` where it gives
 * one, else oldest first (the engine's default order).
 */
export function compareRunOrder(a: QueueItem, b: QueueItem): number {
  const pa = a.position ?? Number.POSITIVE_INFINITY;
  const pb = b.position ?? Number.POSITIVE_INFINITY;
  if (pa !== pb) return pa - pb;
  return -compareNewestFirst(a, b);
}

export const ENDED: ReadonlySet<JobStatus> = new Set(['completed', 'failed', 'canceled']);
