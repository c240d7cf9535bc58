import type { JobView, QueueData } from './queue-state.js';

/** How many finished jobs the render speed is measured over (the newest ones: this machine as it is now). */
const SPEED_SAMPLE = 20;

/**
 * This machine's render speed: seconds of render work per second of video, over the newest
 * completed jobs; null until one has finished (the estimate then says "estimating").
 */
export function renderSpeed(queue: QueueData): number | null {
  let work = 0;
  let video = 0;
  let seen = 0;
  for (const id of queue.order) {
    const job = queue.jobs.get(id);
    if (job?.status !== 'completed' || job.renderSeconds <= 0 || job.expectedSeconds <= 0) continue;
    work += job.renderSeconds;
    video += job.expectedSeconds;
    if (++seen === SPEED_SAMPLE) break;
  }
  return seen === 0 ? null : work / video;
}

/** Seconds of work a job still needs: the engine's ETA when it has one, else its expected share of the speed. */
function workLeft(job: JobView, speed: number, now: number): number {
  if (job.status === 'running' && job.etaSeconds !== null && job.etaAt !== null) {
    return Math.max(0, job.etaSeconds - (now - job.etaAt) / 1000);
  }
  return job.expectedSeconds * speed * (1 - job.progressPct / 100);
}

/**
 * When the queue should be done (ms since the epoch), or null while that cannot be said honestly:
 * no speed measured yet. Work left of running and pending jobs, spread over `concurrency` slots.
 * Returns 0 when nothing is left to do.
 */
export function queueFinishesAt(queue: QueueData, concurrency: number, now: number): number | null {
  const speed = renderSpeed(queue);
  let seconds = 0;
  let any = false;
  for (const job of queue.jobs.values()) {
    if (job.status !== 'running' && job.status !== 'pending') continue;
    any = true;
    if (speed === null) return null;
    seconds += workLeft(job, speed, now);
  }
  if (!any) return 0;
  return now + (seconds / Math.max(1, concurrency)) * 1000;
}
