import type { JobError } from '../../src-shared/job.js';
import { decide, type JobAction, type JobStatus } from '../../src-shared/lifecycle.js';
import { EngineError } from './errors.js';
import type { JobRecord } from './job-record.js';

/** The actions that change a job's status (a move keeps it; a delete removes the job). */
export type StatusAction = Exclude<JobAction, 'move' | 'delete'>;

/** What each transition needs to know beyond the record itself. */
export interface TransitionPayload {
  start: Record<string, never>;
  complete: Record<string, never>;
  fail: { error: JobError; canResume: boolean };
  cancel: Record<string, never>;
  /** `resumeOnStart`: the engine (not the user) paused it at shutdown, so the next start re-queues it. */
  pause: { resumeOnStart: boolean };
  /** `queueKey`: its place in the run order (omitted: the place it had). */
  resume: { queueKey?: number };
  interrupt: Record<string, never>;
}

/** Reads the status afresh (defeats narrowing from before an await). */
export const statusOf = (record: Pick<JobRecord, 'status'>): JobStatus => record.status;

/**
 * The one way a job's status changes: checks the lifecycle table (throwing its refusal code as an
 * EngineError for a move it forbids) and sets the fields that go with the new status, so every
 * path that completes, fails, cancels, pauses or resumes a job records it the same way.
 * Steps are the caller's; the record is changed in place and returned.
 */
export function transition<A extends StatusAction>(
  record: JobRecord,
  action: A,
  payload: TransitionPayload[A],
  now = new Date().toISOString(),
): JobRecord {
  const from = record.status;
  const verdict = decide(from, action, record.canResume);
  if (!verdict.ok || verdict.next === null)
    throw new EngineError(
      verdict.ok ? 'INTERNAL' : verdict.code,
      `Job ${record.jobId} cannot ${action}: it is ${from}.`,
    );
  const p = payload as Partial<TransitionPayload[StatusAction]> & Record<string, unknown>;
  record.status = verdict.next;
  switch (action) {
    case 'start':
      Object.assign(record, {
        startedAt: record.startedAt ?? now,
        error: null,
        canResume: false,
        resumeOnStart: false,
      });
      record.attempts++;
      break;
    case 'complete':
      Object.assign(record, { completedAt: now, endedAt: now, progressPct: 100, canResume: false });
      break;
    case 'fail':
      Object.assign(record, { endedAt: now, error: p.error, canResume: p.canResume });
      break;
    case 'cancel':
      Object.assign(record, { canceledAt: now, endedAt: now, canResume: false, resumeOnStart: false });
      break;
    case 'pause':
      Object.assign(record, { canResume: true, resumeOnStart: p.resumeOnStart });
      break;
    case 'resume':
      Object.assign(record, { endedAt: null, error: null, resumeOnStart: false });
      if (typeof p.queueKey === 'number') record.queueKey = p.queueKey;
      break;
    case 'interrupt':
      record.canResume = false;
      break;
  }
  return record;
}
