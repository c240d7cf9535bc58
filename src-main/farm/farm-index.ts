import type { JobStatus } from '../../src-shared/job.js';
import type { EngineEvent } from '../engine/engine-api.js';
import { firstOfStatus, newestFirst, type JobRecord } from '../engine/job-record.js';
import type { GlobalEntry } from './farm-store.js';
import { RunOrder } from './run-order.js';

/**
 * A coordinator's local copy of every job record, fed by the farm's global stream, so the
 * engine's reads (get, list, stats) stay synchronous and fast however many jobs the farm holds.
 * It also decides which entries are new to this coordinator (by the farm-wide seq), so each is emitted once,
 * and keeps the run order's copy in step with the records (`order`).
 */
export class FarmIndex {
  /** Pending jobs in run order; `onOrderStale` says when it must be read again from the queue. */
  readonly order = new RunOrder((jobId) => this.#records.get(jobId)?.status === 'pending');
  #records = new Map<string, JobRecord>();
  #ordered: JobRecord[] | null = null;
  #emitted = new Map<string, number>();
  #eta = new Map<string, number | null>();
  /** Farm-wide seq of the last global entry applied. */
  cursor = 0;

  /** @param onOrderStale a pending job was moved (here or elsewhere), or every record was reloaded: read the order again. */
  constructor(private readonly onOrderStale: () => void = () => undefined) {}

  /** Replaces everything (start-up, or a resync after the stream was trimmed past our cursor). */
  reset(records: JobRecord[], cursor: number): void {
    this.#records = new Map(records.map((r) => [r.jobId, r]));
    this.#ordered = null;
    this.#emitted = new Map(records.map((r) => [r.jobId, r.lastEventSeq]));
    this.cursor = cursor;
    // Until the queue's own order is read, pending jobs the copy does not know run in creation order.
    this.order.know(
      records
        .filter((r) => r.status === 'pending')
        .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0))
        .map((r) => r.jobId),
    );
    this.onOrderStale();
  }

  get(jobId: string): JobRecord | undefined {
    return this.#records.get(jobId);
  }

  all(): IterableIterator<JobRecord> {
    return this.#records.values();
  }

  /** Every record, newest first (a shared cached array: read it, never change it). */
  newestFirst(): readonly JobRecord[] {
    this.#ordered ??= [...this.#records.values()].sort(newestFirst);
    return this.#ordered;
  }

  /** Newest first, optionally of one status, at most `limit`. */
  list(status: JobStatus | undefined, limit: number): JobRecord[] {
    return firstOfStatus(this.newestFirst(), status, limit);
  }

  /**
   * Seq of the job's last event as this coordinator knows it: emitted here, or in the record a
   * reset loaded (whose later entries are still to be emitted; a client's seq dedupe absorbs them).
   */
  emittedSeq(jobId: string): number {
    return this.#emitted.get(jobId) ?? 0;
  }

  /** The latest ETA a worker reported for a running job. */
  eta(jobId: string): number | null {
    return this.#eta.get(jobId) ?? null;
  }

  /** Takes a record if it is newer than the one held (a local write, or a stream entry). */
  put(record: JobRecord): void {
    const held = this.#records.get(record.jobId);
    if (held && held.lastEventSeq > record.lastEventSeq) return;
    const was = held?.status;
    if (record.status === 'pending' && was !== 'pending') this.order.queued(record.jobId);
    else if (record.status !== 'pending' && was === 'pending') this.order.left(record.jobId);
    // Only a move writes a pending job that stays pending (the queue's order changed, not the record).
    else if (record.status === 'pending' && held && record.lastEventSeq > held.lastEventSeq) this.onOrderStale();
    if (held) {
      // Same object in the ordered list: replace in place, the order (createdAt) never changes.
      Object.assign(held, record);
      return;
    }
    this.#records.set(record.jobId, record);
    this.#ordered = null;
  }

  remove(jobId: string): boolean {
    this.#eta.delete(jobId);
    this.#emitted.delete(jobId);
    this.order.left(jobId);
    const had = this.#records.delete(jobId);
    if (had) this.#ordered = null;
    return had;
  }

  /**
   * Applies global entries in order; returns the events to emit with their farm-wide seq: every
   * entry past the cursor, each once (the cursor only moves on), in the stream's order, so each
   * job's come in seq order. That holds after a reset too: the records it loaded may already
   * include the entries after its cursor (they were read later), yet those entries were never
   * emitted here, and a live stream or the replay buffer that went without them would skip seqs.
   */
  apply(entries: GlobalEntry[]): Array<{ event: EngineEvent; gseq: number }> {
    const out: Array<{ event: EngineEvent; gseq: number }> = [];
    for (const entry of entries) {
      if (entry.gseq <= this.cursor) continue;
      this.cursor = entry.gseq;
      if (entry.deletedJobId !== undefined) {
        // Also for a job the index does not hold (deleted before a reset's load): its earlier events went out.
        const jobId = entry.deletedJobId;
        this.remove(jobId);
        out.push({
          event: { seq: 0, ts: Date.now(), jobId, type: 'job-deleted', data: { jobId } },
          gseq: entry.gseq,
        });
        continue;
      }
      if (entry.record) this.put(entry.record);
      const event = entry.event;
      if (!event) continue;
      if (event.jobId === null) {
        out.push({ event, gseq: entry.gseq });
        continue;
      }
      // The job's known seq never goes back: a reset may have set it from a record newer than this entry.
      if (event.seq > this.emittedSeq(event.jobId)) this.#emitted.set(event.jobId, event.seq);
      if (event.type === 'step-progress') this.#eta.set(event.jobId, event.data.etaSeconds);
      if (event.type === 'job-status' && event.data.status !== 'running') this.#eta.delete(event.jobId);
      out.push({ event, gseq: entry.gseq });
    }
    return out;
  }
}
