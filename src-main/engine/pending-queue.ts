import type { MoveRequest } from '../../src-shared/queue.js';
import type { PendingQueue } from './backend.js';
import { EngineError } from './errors.js';

/**
 * Gap between neighbours when a key is made at either end. Keys start on the millisecond clock
 * (a job created later sorts later), so a second keeps the scale of ordinary creation times.
 */
const END_GAP = 1000;

/** A pending job and its run-order key: smaller runs first; ties go to the smaller id (ids are time-ordered). */
export interface QueueEntry {
  jobId: string;
  key: number;
}

/** Where a moved job goes: its new key, or, when the keys around it are too close, fresh keys for the whole queue. */
export type Placement = { kind: 'key'; key: number } | { kind: 'renumber'; keys: QueueEntry[] };

const byKey = (a: QueueEntry, b: QueueEntry): number =>
  a.key !== b.key ? a.key - b.key : a.jobId < b.jobId ? -1 : a.jobId > b.jobId ? 1 : 0;

/**
 * The run order of pending jobs, in memory: an array sorted by key. Persisting a key is the
 * caller's (the file backend keeps it in job.json as `queueKey`), so this stays pure and testable.
 */
export class KeyedPendingQueue implements PendingQueue {
  #entries: QueueEntry[] = [];
  /**
   * jobId -> slot, rebuilt on the first lookup after a change (positions are read far more than
   * changed); a job's index is its slot minus #base, so taking the first job keeps the rest.
   */
  #index: Map<string, number> | null = null;
  #base = 0;

  get size(): number {
    return this.#entries.length;
  }

  /** Pending ids in run order, at most `limit`. */
  ids(limit = Infinity): string[] {
    const out: string[] = [];
    for (const e of this.#entries) {
      if (out.length >= limit) break;
      out.push(e.jobId);
    }
    return out;
  }

  has(jobId: string): boolean {
    return this.#indexOf(jobId) !== undefined;
  }

  /** 1-based place in the run order, or null when the job is not queued. */
  position(jobId: string): number | null {
    const i = this.#indexOf(jobId);
    return i === undefined ? null : i + 1;
  }

  /** The key that puts a new job last: after every queued key, and never before now on the clock. */
  backKey(nowMs = Date.now()): number {
    const last = this.#entries.at(-1);
    return last ? Math.max(nowMs, last.key + END_GAP) : nowMs;
  }

  /** Adds (or re-places) a job at `key`. */
  insert(jobId: string, key: number): void {
    this.remove(jobId);
    const entry = { jobId, key };
    let lo = 0;
    let hi = this.#entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (byKey(this.#entries[mid]!, entry) < 0) lo = mid + 1;
      else hi = mid;
    }
    this.#entries.splice(lo, 0, entry);
    // Appending (every create) keeps every other index: no rebuild for the common case.
    if (lo === this.#entries.length - 1) this.#index?.set(jobId, this.#base + lo);
    else this.#index = null;
  }

  /** Takes a job out of the order; false when it was not in it. */
  remove(jobId: string): boolean {
    const i = this.#indexOf(jobId);
    if (i === undefined) return false;
    this.#entries.splice(i, 1);
    // The runner takes jobs from the front: that keeps every other job's slot.
    if (i === 0 && this.#index) {
      this.#index.delete(jobId);
      this.#base++;
    } else this.#index = null;
    return true;
  }

  /** The first job in run order that `eligible` accepts (the queue is not changed). */
  first(eligible: (jobId: string) => boolean = () => true): string | undefined {
    return this.#entries.find((e) => eligible(e.jobId))?.jobId;
  }

  /**
   * Where `request` puts `jobId`, without changing anything. Throws JOB_NOT_PENDING when the job or
   * the `before`/`after` target is not queued.
   */
  place(jobId: string, request: MoveRequest): Placement {
    if (!this.has(jobId))
      throw notPending(`Job ${jobId} is not pending: only a job waiting in the queue can be moved.`);
    const others = this.#entries.filter((e) => e.jobId !== jobId);
    let at: number; // index in `others` the job goes before
    if ('to' in request) at = request.to === 'top' ? 0 : others.length;
    else {
      const target = 'before' in request ? request.before : request.after;
      if (target === jobId) return { kind: 'key', key: this.#entries[this.#indexOf(jobId)!]!.key };
      const t = others.findIndex((e) => e.jobId === target);
      if (t < 0) throw notPending(`Job ${target} is not pending, so no job can be moved next to it.`);
      at = 'before' in request ? t : t + 1;
    }
    const prev = others[at - 1]?.key;
    const next = others[at]?.key;
    const key =
      prev === undefined
        ? next === undefined
          ? Date.now()
          : next - END_GAP
        : next === undefined
          ? prev + END_GAP
          : prev + (next - prev) / 2;
    // Halving a gap runs out of float precision after a few dozen moves into one spot.
    if ((prev !== undefined && key <= prev) || (next !== undefined && key >= next)) {
      const order = [...others.slice(0, at), { jobId, key: 0 }, ...others.slice(at)];
      const base = order[0]?.jobId === jobId ? (others[0]?.key ?? 0) : order[0]!.key;
      return { kind: 'renumber', keys: order.map((e, i) => ({ jobId: e.jobId, key: base + i * END_GAP })) };
    }
    return { kind: 'key', key };
  }

  #indexOf(jobId: string): number | undefined {
    if (!this.#index) {
      this.#index = new Map();
      this.#base = 0;
      this.#entries.forEach((e, i) => this.#index!.set(e.jobId, i));
    }
    const slot = this.#index.get(jobId);
    return slot === undefined ? undefined : slot - this.#base;
  }
}

const notPending = (message: string): EngineError => new EngineError('JOB_NOT_PENDING', message);
