import { EVENT_DATA_SCHEMAS, parseEventId } from '../../src-shared/events.js';
import type { QueueItem } from '../../src-shared/job.js';
import type { StreamEventOf } from '../store/stream-event.js';

type SnapshotEvent = StreamEventOf<'queue-snapshot'>;

/** Jobs checked before the first paint: more than a window shows. */
export const FIRST_SLICE = 100;
/** Jobs checked per later task: a few ms each, so no long task even for 10,000 jobs. */
export const SLICE = 2000;

/** What parseSnapshotInSlices reports. */
export interface SnapshotSink {
  /** The newest jobs, checked, with the full stats: enough to paint the queue at once. */
  first(event: SnapshotEvent): void;
  /** Every job, checked. */
  done(event: SnapshotEvent): void;
  fail(reason: string): void;
}

/**
 * Checks a `queue-snapshot` frame with the shared schema one slice of jobs at a time. A snapshot
 * of 10,000 jobs takes tens of ms to validate in one go; in slices the first screenful paints
 * at once and the main thread stays free for input between slices. Returns a cancel function.
 */
export function parseSnapshotInSlices(data: string, rawId: string | null, sink: SnapshotSink): () => void {
  let canceled = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    sink.fail('queue-snapshot: data is not JSON');
    return () => {};
  }
  const body = json as { jobs?: unknown; stats?: unknown } | null;
  if (!body || typeof body !== 'object' || !Array.isArray(body.jobs)) {
    sink.fail('queue-snapshot: no jobs list');
    return () => {};
  }
  const rawJobs: unknown[] = body.jobs;
  const id = parseEventId(rawId);
  const event = (jobs: QueueItem[], stats: SnapshotEvent['data']['stats']): SnapshotEvent => ({
    id: id ? rawId : null,
    ts: id?.ts ?? 0,
    seq: id?.seq ?? 0,
    type: 'queue-snapshot',
    data: { jobs, stats },
  });

  const checked: QueueItem[] = [];
  let stats: SnapshotEvent['data']['stats'] | null = null;
  /** Validates jobs [from, to) with the snapshot schema; false (after fail()) when they break it. */
  const check = (from: number, to: number): boolean => {
    const parsed = EVENT_DATA_SCHEMAS['queue-snapshot'].safeParse({ jobs: rawJobs.slice(from, to), stats: body.stats });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const at = issue?.path[0] === 'jobs' && typeof issue.path[1] === 'number' ? ` (job ${from + issue.path[1]})` : '';
      sink.fail(`queue-snapshot: ${issue?.message ?? 'invalid data'}${at}`);
      return false;
    }
    stats = parsed.data.stats;
    for (const job of parsed.data.jobs) checked.push(job);
    return true;
  };

  if (!check(0, FIRST_SLICE)) return () => {};
  if (checked.length === rawJobs.length) {
    sink.done(event(checked, stats!));
    return () => {};
  }
  sink.first(event([...checked], stats!));
  let next = FIRST_SLICE;
  const step = () => {
    timer = null;
    if (canceled) return;
    const end = Math.min(rawJobs.length, next + SLICE);
    if (!check(next, end)) return;
    next = end;
    if (next < rawJobs.length) timer = setTimeout(step, 0);
    else sink.done(event(checked, stats!));
  };
  timer = setTimeout(step, 0);
  return () => {
    canceled = true;
    if (timer !== null) clearTimeout(timer);
  };
}
