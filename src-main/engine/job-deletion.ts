import { can, ENDED_STATUSES, isEnded, type JobStatus } from '../../src-shared/lifecycle.js';
import type { EventJournal, JobRecords } from './backend.js';
import type { CleanupService } from './cleanup-service.js';
import { EngineError } from './errors.js';
import type { JobLogs } from './job-log.js';

export interface DeletionDeps {
  records: JobRecords;
  journal: EventJournal;
  cleanup: CleanupService;
  logs: JobLogs;
}

/** How many job folders a bulk delete removes at once: enough to hide latency, few enough to leave the disk to renders. */
const BULK_DELETE_PARALLELISM = 8;

/** Removes an ended job (its folder, temp and proxy) after its queued writes, then emits `job-deleted`. */
export async function deleteJob(deps: DeletionDeps, jobId: string): Promise<void> {
  const record = deps.records.get(jobId);
  if (!record) throw new EngineError('NOT_FOUND', `There is no job ${jobId}.`);
  if (!can(record.status, 'delete'))
    throw new EngineError('JOB_ACTIVE', `Job ${jobId} is ${record.status}; cancel it before deleting it.`);
  await deps.journal.afterWrites(jobId, async () => {
    await deps.records.remove(jobId);
    await deps.cleanup.cleanupJob(jobId);
  });
  deps.logs.forget(jobId);
  deps.journal.forget(jobId);
  deps.journal.announce({ seq: 0, ts: Date.now(), jobId, type: 'job-deleted', data: { jobId } });
}

/**
 * Deletes every job whose status is one of `statuses` (ended statuses only: an active status is
 * refused before anything is removed). Returns how many were deleted.
 */
export async function deleteJobsWithStatus(deps: DeletionDeps, statuses: readonly JobStatus[]): Promise<number> {
  const refused = statuses.filter((s) => !isEnded(s));
  if (refused.length > 0)
    throw new EngineError(
      'VALIDATION_FAILED',
      `Only ended jobs (${ENDED_STATUSES.join(', ')}) can be deleted together, not ${refused.join(', ')}.`,
    );
  const wanted = new Set(statuses);
  const ids = [...deps.records.all()].filter((r) => wanted.has(r.status)).map((r) => r.jobId);
  let deleted = 0;
  for (let i = 0; i < ids.length; i += BULK_DELETE_PARALLELISM) {
    const batch = ids.slice(i, i + BULK_DELETE_PARALLELISM);
    const results = await Promise.allSettled(batch.map((id) => deleteJob(deps, id)));
    for (const result of results) {
      if (result.status === 'fulfilled') deleted++;
      // A job resumed or removed while the batch ran is not an error of the bulk delete; a disk error is.
      else if (!(result.reason instanceof EngineError)) throw result.reason;
    }
  }
  return deleted;
}
