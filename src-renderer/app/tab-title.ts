import type { QueueData } from '../store/queue-state.js';

export const APP_NAME = 'Aura Studio';

/**
 * The tab's title: the running jobs' mean progress in front ("42% · Aura Studio"), so a creator
 * sees it from another tab; just the name when nothing runs.
 */
export function tabTitle(queue: QueueData): string {
  let sum = 0;
  let n = 0;
  for (const job of queue.jobs.values()) {
    if (job.status !== 'running') continue;
    sum += job.progressPct;
    n += 1;
  }
  return n === 0 ? APP_NAME : `${Math.floor(sum / n)}% · ${APP_NAME}`;
}
