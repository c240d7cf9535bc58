import type { JobEvent } from '../../src-shared/events.js';
import type { EventJournal, OpenedLog } from './backend.js';
import { isActive, type JobRecord } from './job-record.js';
import { transition } from './job-transition.js';
import { statusEvent } from './job-views.js';

const nowIso = () => new Date().toISOString();

/**
 * Start-up: a job found `running` was interrupted (crash, power loss, kill -9). With
 * autoResume it goes back to the queue and resumes from its checkpoints; without, it fails
 * resumably. A job the engine paused at shutdown is re-queued the same way.
 * Returns the ids to queue, oldest first.
 */
export async function recoverJobs(
  records: Iterable<JobRecord>,
  journal: EventJournal,
  autoResume: boolean,
): Promise<string[]> {
  const queue: JobRecord[] = [];
  for (const record of records) {
    // A failed job's resume may be in the log but not yet in job.json (the disk refused the record).
    if (record.damaged || !(isActive(record) || (record.status === 'failed' && record.canResume))) continue;
    const jobId = record.jobId;
    const log = await journal.ensureOpen(record);
    if (log) await adoptNewerLoggedState(record, log, journal);
    if (!isActive(record)) continue;
    if (record.status === 'running') {
      for (const s of record.steps) if (s.status === 'running') Object.assign(s, { status: 'pending', endedAt: null });
      const message = 'Aura Studio stopped while this job was running; it resumes from its last checkpoint.';
      if (autoResume) {
        transition(record, 'interrupt', {});
        record.warnings.push({ code: 'INTERRUPTED', message, step: null, at: nowIso() });
        await journal.commit(
          record,
          [{ type: 'warning', data: { jobId, code: 'INTERRUPTED', message } }, statusEvent(record)],
          'log',
        );
        queue.push(record);
      } else {
        const error = {
          code: 'INTERRUPTED',
          message: 'Aura Studio stopped while this job was running.',
          suggestedActions: ['Resume the job to continue from its last checkpoint.'],
        };
        transition(record, 'fail', { error: { ...error, step: null, logTail: [] }, canResume: true });
        await journal.commit(
          record,
          [statusEvent(record), { type: 'job-failed', data: { jobId, step: null, error } }],
          'log',
        );
      }
    } else if (record.status === 'paused' && record.resumeOnStart) {
      if (autoResume) transition(record, 'resume', {});
      else record.resumeOnStart = false;
      await journal.commit(record, [statusEvent(record)], 'log');
      if (autoResume) queue.push(record);
    } else if (record.status === 'pending') {
      queue.push(record);
    }
  }
  return queue.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0)).map((r) => r.jobId);
}

/**
 * The event log is fsynced before job.json at every transition (and alone at an attempt's start),
 * so after a crash the log may know a newer state: take it, so a job canceled, completed or
 * paused just before the crash is not run again.
 */
async function adoptNewerLoggedState(record: JobRecord, log: OpenedLog, journal: EventJournal): Promise<void> {
  const newer = log.lastStatus && log.lastStatus.seq > record.lastEventSeq ? log.lastStatus : null;
  if (!newer || newer.data.status === record.status) return;
  const end = log.lastEnd && log.lastEnd.seq > newer.seq ? log.lastEnd : null;
  applyLoggedStatus(record, newer, end);
  if (newer.data.status !== 'running') await journal.commit(record, [], 'record');
}

/**
 * Makes the record say what a logged status event (and the end event after it) says: what start-up
 * does with a log that is ahead of job.json, and what a refused write does when its event got in.
 */
export function applyLoggedStatus(
  record: JobRecord,
  newer: JobEvent<'job-status'>,
  end: JobEvent<'job-completed' | 'job-failed' | 'job-canceled'> | null,
): void {
  const at = new Date(newer.ts).toISOString();
  const { status, stage, progressPct, canResume } = newer.data;
  Object.assign(record, { status, stage, progressPct, canResume });
  if (status === 'running') {
    record.attempts++; // job.json had not caught up with the attempt's start
    return;
  }
  if (status !== 'failed') record.error = null;
  if (status === 'completed') Object.assign(record, { completedAt: record.completedAt ?? at, endedAt: at });
  if (status === 'canceled') Object.assign(record, { canceledAt: record.canceledAt ?? at, endedAt: at });
  if (status === 'failed') record.endedAt = at;
  if (status === 'paused') record.endedAt = null;
  if (status === 'pending') {
    // A resume: as JobRunner.resume leaves the record.
    Object.assign(record, { endedAt: null, resumeOnStart: false });
    for (const s of record.steps)
      if (s.status === 'failed' || s.status === 'canceled') Object.assign(s, { status: 'pending', endedAt: null });
  }
  if (end?.type === 'job-completed') record.artifacts = end.data.artifacts;
  if (end?.type === 'job-failed') record.error = { ...end.data.error, step: end.data.step, logTail: [] };
}
