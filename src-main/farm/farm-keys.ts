/**
 * Every Redis key of a farm, in one place. Each machine of one farm must use the same prefix.
 * Per-job streams are exact replay logs; the global stream is the ordered feed every coordinator
 * tails (its entry ids are the farm-wide seq: `<seq>-0`).
 */
export class FarmKeys {
  constructor(readonly prefix = 'aura') {}
  /** Hash: `record` (JobRecord JSON), `status`, `lastSeq`, `commit` (id of the last commit). */
  job(jobId: string): string {
    return `${this.prefix}:job:${jobId}`;
  }
  /** Stream of one job's events; entry id `<seq>-0`. */
  jobEvents(jobId: string): string {
    return `${this.prefix}:events:${jobId}`;
  }
  /** Sorted set of job ids by creation time (ms): the index a coordinator loads at start. */
  get jobs(): string {
    return `${this.prefix}:jobs`;
  }
  /** Stream of every committed change: `e` (event JSON) and/or `r` (record JSON) or `d` (deleted id). */
  get globalEvents(): string {
    return `${this.prefix}:global`;
  }
  /** Unix ms of the farm's first coordinator start: the ts part of its global SSE ids, shared by every coordinator. */
  get epoch(): string {
    return `${this.prefix}:epoch`;
  }
  /** Counter behind the global stream's ids. */
  get globalSeq(): string {
    return `${this.prefix}:global-seq`;
  }
  /** Hash: worker name -> WorkerInfo JSON (refreshed by each worker's heartbeat). */
  get workers(): string {
    return `${this.prefix}:workers`;
  }
  /** Pub/sub channel of control messages (cancel, pause) to the worker that runs a job. */
  get control(): string {
    return `${this.prefix}:control`;
  }
  /** Lock key: one cleanup sweep at a time across the farm. */
  get sweepLock(): string {
    return `${this.prefix}:lock:sweep`;
  }
  /** Lock key: one change of the run order at a time across the farm (a move reads the order, then rewrites it). */
  get queueLock(): string {
    return `${this.prefix}:lock:queue`;
  }
  /** Hash of farm-wide tuning (lockMs, stalledIntervalMs) a coordinator writes from its settings and workers read. */
  get config(): string {
    return `${this.prefix}:config`;
  }
  /** The BullMQ queue's name (BullMQ adds its own `bull:` prefix). */
  get queueName(): string {
    return `${this.prefix}-render`;
  }
}
