import { isActive, type JobRecord } from './job-record.js';
import type { Journal } from './journal.js';
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
  journal: Journal,
  autoResume: boolean,
): Promise<string[]> {
  const queue: JobRecord[] = [];
  for (const record of records) {
    if (record.damaged || !isActive(record)) continue;
    const jobId = record.jobId;
    const log = await journal.ensureOpen(record);
    // An attempt's start is fsynced in the log only; job.json may still say pending.
    if (log?.lastStatus?.status === 'running' && log.lastStatus.seq > record.lastEventSeq) {
      record.status = 'running';
      record.attempts++;
    }
    if (record.status === 'running') {
      for (const s of record.steps) if (s.status === 'running') Object.assign(s, { status: 'pending', endedAt: null });
      const message = 'Aura Studio stopped while this job was running; it resumes from its last checkpoint.';
      if (autoResume) {
        Object.assign(record, { status: 'pending', canResume: false });
        await journal.commit(
          record,
          [{ type: 'warning', data: { jobId, code: 'INTERRUPTED', message } }, statusEvent(record)],
          'record',
        );
        queue.push(record);
      } else {
        const error = {
          code: 'INTERRUPTED',
          message: 'Aura Studio stopped while this job was running.',
          suggestedActions: ['Resume the job to continue from its last checkpoint.'],
        };
        Object.assign(record, {
          status: 'failed',
          endedAt: nowIso(),
          canResume: true,
          error: { ...error, step: null, logTail: [] },
        });
        await journal.commit(
          record,
          [statusEvent(record), { type: 'job-failed', data: { jobId, step: null, error } }],
          'record',
        );
      }
    } else if (record.status === 'paused' && record.resumeOnStart) {
      Object.assign(record, { resumeOnStart: false, ...(autoResume ? { status: 'pending' } : {}) });
      await journal.commit(record, [statusEvent(record)], 'record');
      if (autoResume) queue.push(record);
    } else if (record.status === 'pending') {
      queue.push(record);
    }
  }
  return queue.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0)).map((r) => r.jobId);
}
