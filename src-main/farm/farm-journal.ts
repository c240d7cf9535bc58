import type { JobEvent } from '../../src-shared/events.js';
import type { Durability, PendingEvent } from '../engine/journal.js';
import type { JobRecord } from '../engine/job-record.js';
import { KeyedSerial } from '../engine/keyed-serial.js';
import { FarmConflict, type FarmStore } from './farm-store.js';

/** What a worker's journal reports back about a job it is writing. */
export interface FarmJournalHooks {
  /** A `none` commit failed (it never rejects): e.g. Redis refused it. */
  onWriteError?(jobId: string, error: unknown): void;
  /** Another machine wrote the job: this one no longer owns it and must stop. */
  onConflict?(jobId: string): void;
}

/**
 * The Journal of a machine that owns a job (a worker running it): seqs are handed out here in
 * order, and each commit is a compare-and-set on the job's last seq in Redis, so two machines can
 * never both extend one job's log. Commits of one job run in order.
 */
export class FarmJournal {
  #serial = new KeyedSerial();

  constructor(
    private readonly store: FarmStore,
    private readonly hooks: FarmJournalHooks = {},
  ) {}

  /** Logs `events` and saves the record in one atomic write; `none` commits never reject. */
  commit(record: JobRecord, events: PendingEvent[], durability: Durability): Promise<void> {
    const jobId = record.jobId;
    const expected = record.lastEventSeq;
    const ts = Date.now();
    const logged = events.map((e, i) => ({ seq: expected + i + 1, ts, jobId, ...e }) as JobEvent);
    record.lastEventSeq = expected + logged.length;
    const snapshot = structuredClone(record);
    return this.#serial
      .run(jobId, () => this.store.commit(snapshot, logged, expected))
      .then(() => undefined)
      .catch((error: unknown) => {
        if (error instanceof FarmConflict) this.hooks.onConflict?.(jobId);
        if (durability !== 'none') throw error;
        this.hooks.onWriteError?.(jobId, error);
      });
  }

  /** Waits for every queued write. */
  drain(): Promise<void> {
    return this.#serial.drain();
  }
}
