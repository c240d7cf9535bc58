import { TERMINAL_EVENT_TYPES, type JobEvent } from '../../src-shared/events.js';
import type { JobStatus } from '../../src-shared/job.js';
import { EngineError } from './errors.js';
import { probeWrite } from './folder-probe.js';
import type { JobRecord } from './job-record.js';
import type { EventJournal } from './backend.js';
import { applyLoggedStatus } from './recovery.js';
import { storageErrorOf } from './storage-errors.js';

/**
 * Whether the data folder takes a small write right now: the fault (DISK_FULL,
 * STORAGE_READ_ONLY) as an EngineError, or null. Used where a write failed deep inside the
 * runner and only its effect (a WRITE_FAILED job) came back.
 */
export function probeStorage(dir: string): EngineError | null {
  const failure = probeWrite(dir);
  return failure === null ? null : storageErrorOf(failure, dir);
}

/** An EngineError the engine raised on purpose (not one this module made from a disk fault). */
const isEngineRefusal = (error: unknown): boolean =>
  error instanceof EngineError && error.code !== 'DISK_FULL' && error.code !== 'STORAGE_READ_ONLY';

/** What a guarded job write needs from the engine. */
export interface JobWriteGuard {
  dataDir: string;
  journal: Pick<EventJournal, 'forget' | 'ensureOpen'>;
  readEvents: (jobId: string, afterSeq: number) => Promise<JobEvent[]>;
  /** A job put back as it was (e.g. pending again after a cancel that could not be recorded). */
  onRestored: (record: JobRecord) => void;
}

/** Runs a write path that touches no job (create, delete, settings): a disk fault becomes its EngineError. */
export async function guardWrite<T>(dataDir: string, op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (error) {
    // Some calls report a refused write as something else (a recursive mkdir says ENOENT): ask the
    // disk. The engine's own refusals (a bad spec, a job in the wrong state) stay what they are.
    if (isEngineRefusal(error)) throw error;
    throw storageErrorOf(error, dataDir) ?? probeStorage(dataDir) ?? error;
  }
}

/**
 * Runs cancel/pause/resume (aiming at `target`) so the answer matches what a restart will find:
 * when the disk refuses, a change whose status event is the last one that reached the log is a
 * success (start-up adopts it from there, and so does the record now); one that did not is undone
 * in memory (the job is unchanged) and answered with the disk fault.
 */
export async function guardJobWrite(
  record: JobRecord,
  target: JobStatus,
  guard: JobWriteGuard,
  op: () => Promise<JobRecord>,
): Promise<JobRecord> {
  const before = structuredClone(record);
  try {
    return await op();
  } catch (error) {
    // A refusal of the engine's own (JOB_NOT_CANCELABLE...) is not a disk problem unless the runner met a failed write.
    const refusal = isEngineRefusal(error);
    const wroteFailed = record.error?.code === 'WRITE_FAILED' && before.error?.code !== 'WRITE_FAILED';
    const fault =
      storageErrorOf(error, guard.dataDir) ?? (!refusal || wroteFailed ? probeStorage(guard.dataDir) : null);
    if (!fault) throw error;
    const logged = await loggedSince(record.jobId, before.lastEventSeq, guard);
    if (logged.status?.data.status === target) {
      applyLoggedStatus(record, logged.status, logged.end);
      return record;
    }
    // A running job was stopped by the failed write itself (the runner recorded what it could): nothing to undo.
    if (before.status !== 'running') {
      for (const key of Object.keys(record)) delete (record as Record<string, unknown>)[key];
      Object.assign(record, before);
      // A full disk may have taken part of the event line: reopen the log, which drops the torn tail
      // and takes the seq from what is really there (a read-only disk took nothing).
      if (fault.code === 'DISK_FULL') {
        guard.journal.forget(record.jobId);
        await guard.journal.ensureOpen(record).catch(() => undefined);
      }
      guard.onRestored(record);
    }
    throw fault;
  }
}

/** The last status event (and end event after it) the log holds beyond `afterSeq`: what a restart adopts. */
async function loggedSince(
  jobId: string,
  afterSeq: number,
  guard: JobWriteGuard,
): Promise<{
  status: JobEvent<'job-status'> | null;
  end: JobEvent<'job-completed' | 'job-failed' | 'job-canceled'> | null;
}> {
  const events = await guard.readEvents(jobId, afterSeq).catch(() => [] as JobEvent[]);
  const status = events.findLast((e): e is JobEvent<'job-status'> => e.type === 'job-status') ?? null;
  const end =
    events.findLast(
      (e): e is JobEvent<'job-completed' | 'job-failed' | 'job-canceled'> =>
        TERMINAL_EVENT_TYPES.has(e.type) && e.seq > (status?.seq ?? Infinity),
    ) ?? null;
  return { status, end };
}
