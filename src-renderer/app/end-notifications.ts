import type { JobStatus } from '../../src-shared/job.js';
import type { QueueData } from '../store/queue-state.js';

const KEY = 'aura.notifyOnEnd';
const ENDED: ReadonlySet<JobStatus> = new Set(['completed', 'failed', 'canceled']);

/** Whether this browser was asked to notify when a job ends (kept in localStorage: a choice, not a session). */
export function notifyOnEndWanted(storage: Pick<Storage, 'getItem'> = localStorage): boolean {
  return storage.getItem(KEY) === 'on';
}

export function setNotifyOnEnd(on: boolean, storage: Pick<Storage, 'setItem'> = localStorage): void {
  storage.setItem(KEY, on ? 'on' : 'off');
}

/** Jobs that ended between two states of the queue, with the word for how (for the notification). */
export function endedBetween(
  before: QueueData,
  after: QueueData,
): Array<{ jobId: string; title: string; status: JobStatus }> {
  if (before.listEpoch === after.listEpoch || !before.loaded) return [];
  const out: Array<{ jobId: string; title: string; status: JobStatus }> = [];
  for (const [id, job] of after.jobs) {
    if (!ENDED.has(job.status)) continue;
    const was = before.jobs.get(id);
    if (was && !ENDED.has(was.status)) out.push({ jobId: id, title: job.title, status: job.status });
  }
  return out;
}
