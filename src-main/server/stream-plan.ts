import { parseEventId } from '../../src-shared/events.js';

/** How a per-job stream starts. */
export type JobStreamPlan =
  /** The job has ended and the client has its last event: 204, EventSource stops reconnecting. */
  | { kind: 'no-content' }
  /** Fresh connection (or an id that cannot be ours): a `job-status` snapshot, then live. */
  | { kind: 'snapshot' }
  /** Every logged event after `afterSeq`, then live. */
  | { kind: 'replay'; afterSeq: number };

/**
 * Decides a per-job stream's start from the client's Last-Event-ID. The seq part is the job's
 * own event number (kept in its log, so it survives restarts); the ts part is not needed.
 */
export function planJobStream(
  lastEventId: string | undefined,
  job: { ended: boolean; lastSeq: number },
): JobStreamPlan {
  const id = parseEventId(lastEventId);
  // An id beyond the log is not one this job ever sent: start over rather than skip events.
  if (id === null || id.seq > job.lastSeq) return { kind: 'snapshot' };
  if (job.ended && id.seq === job.lastSeq) return { kind: 'no-content' };
  return { kind: 'replay', afterSeq: id.seq };
}

/** How a global stream starts. */
export type GlobalStreamPlan = { kind: 'snapshot' } | { kind: 'replay'; afterSeq: number };

/**
 * Decides a global stream's start. Its ids are `<epoch>-<seq>` where epoch is this server run's
 * start: an id from another run, or older than the replay buffer, gets a fresh snapshot.
 */
export function planGlobalStream(
  lastEventId: string | undefined,
  server: { epoch: number; canReplayAfter: (seq: number) => boolean },
): GlobalStreamPlan {
  const id = parseEventId(lastEventId);
  if (id === null || id.ts !== server.epoch || !server.canReplayAfter(id.seq)) return { kind: 'snapshot' };
  return { kind: 'replay', afterSeq: id.seq };
}

/** The Last-Event-ID a request carries: the header wins (EventSource reconnects), else `?lastEventId=`. */
export function requestedLastEventId(header: string | string[] | undefined, query: unknown): string | undefined {
  const fromHeader = Array.isArray(header) ? header[0] : header;
  if (fromHeader !== undefined && fromHeader !== '') return fromHeader;
  return typeof query === 'string' && query !== '' ? query : undefined;
}
