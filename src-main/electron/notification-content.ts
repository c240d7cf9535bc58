/**
 * What a desktop notification says for an engine event: pure, so the wording is tested.
 * Only a finished or failed render is worth interrupting someone for.
 */
import type { JobEvent } from '../../src-shared/events.js';

export interface NotificationContent {
  jobId: string;
  title: string;
  body: string;
}

/** The notification for `event`, or null when it does not deserve one. `jobTitle` is the job's title when known. */
export function notificationFor(event: JobEvent, jobTitle: string | undefined): NotificationContent | null {
  const name = jobTitle?.trim() ? `“${truncate(jobTitle.trim(), 80)}”` : 'A render';
  if (event.type === 'job-completed') {
    return { jobId: event.jobId, title: 'Render finished', body: `${name} is ready to watch.` };
  }
  if (event.type === 'job-failed') {
    const reason = truncate(event.data.error.message, 140);
    return { jobId: event.jobId, title: 'Render failed', body: `${name} failed: ${reason}` };
  }
  return null;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
