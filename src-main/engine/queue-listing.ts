import type { QueueItem } from '../../src-shared/job.js';
import type { ListOptions } from './engine-api.js';
import type { JobRecords, PendingQueue } from './backend.js';
import type { JobRecord } from './job-record.js';
import { toQueueItem } from './job-views.js';

const startedFirst = (a: JobRecord, b: JobRecord): number =>
  (a.startedAt ?? '') < (b.startedAt ?? '') ? -1 : (a.startedAt ?? '') > (b.startedAt ?? '') ? 1 : 0;

/** What listing reads: the embedded backend's seams, or a farm coordinator's index and run order. */
export type ListedRecords = Pick<JobRecords, 'get' | 'list' | 'newestFirst'>;
export type ListedOrder = Pick<PendingQueue, 'position' | 'ids'>;

/**
 * The queue's rows. `newest`: newest first. `run`: running jobs (in the order they started), then
 * paused ones (stopped by the user: they wait for a resume, not for their turn), then pending jobs
 * in run order, then ended jobs newest first. Every pending row carries its position.
 */
export function listJobs(store: ListedRecords, queue: ListedOrder, options: ListOptions = {}): QueueItem[] {
  const { status, limit = 50, order = 'newest' } = options;
  const row = (r: JobRecord) => toQueueItem(r, queue.position(r.jobId));
  if (order === 'newest') return store.list(status, limit).map(row);

  const running: JobRecord[] = [];
  const paused: JobRecord[] = [];
  const ended: JobRecord[] = [];
  // One pass over the cached newest-first index; pending jobs come from the queue instead.
  for (const r of store.newestFirst()) {
    if (status && r.status !== status) continue;
    if (r.status === 'running') running.push(r);
    else if (r.status === 'paused') paused.push(r);
    else if (r.status !== 'pending' && ended.length < limit) ended.push(r);
  }
  const rows = [...running.sort(startedFirst), ...paused].slice(0, limit).map(row);
  if (!status || status === 'pending') {
    queue.ids(limit - rows.length).forEach((jobId, i) => {
      const r = store.get(jobId);
      if (r) rows.push(toQueueItem(r, i + 1));
    });
  }
  for (const r of ended) {
    if (rows.length >= limit) break;
    rows.push(row(r));
  }
  return rows;
}
