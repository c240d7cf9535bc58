import type { JobRecord } from '../engine/job-record.js';
import type { FarmQueue } from './farm-queue.js';

/**
 * A pending job with no BullMQ job (its coordinator stopped between writing the record and
 * queueing it) is queued again. A duplicate is harmless: the record decides, and a worker that
 * takes a job no longer pending drops it.
 */
export async function recoverFarmQueue(records: Iterable<JobRecord>, queue: FarmQueue): Promise<number> {
  const pending = [...records].filter((r) => r.status === 'pending');
  if (pending.length === 0) return 0;
  const queued = new Set(
    (await queue.queue.getJobs(['waiting', 'active', 'delayed', 'prioritized'])).map((j) => j?.data.jobId),
  );
  let added = 0;
  for (const record of pending) {
    if (queued.has(record.jobId)) continue;
    await queue.enqueue(record.jobId, record.lastEventSeq);
    added++;
  }
  return added;
}
