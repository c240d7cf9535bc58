import type { JobStatus } from '../../src-shared/job.js';
import type { ApiClient } from '../api/api-client.js';
import { errorMessage } from '../api/api-error.js';
import { appStore } from '../store/app-store.js';
import { detailFailed, detailLoaded, detailStore, receiveDetailEvents } from '../store/detail-store.js';
import { openEventStream, type EventStreamOptions } from './event-stream.js';

/** Replays a job's log from its first event. */
const FROM_START = '0-0';

/** States in which a job still produces events. */
const ACTIVE: ReadonlySet<JobStatus> = new Set(['pending', 'running', 'paused']);

/**
 * Feeds the open detail view: fetches the Job, then follows the job's own stream from its first
 * event (the replay fills the log tail and the step times; the reducer ignores what the fetched
 * Job already holds). The server ends the stream after the job's last event and answers 204 to
 * the browser's retry, which closes it. An ended job can come back (Resume of a failed job, from
 * this window or any other client): the queue row, fed by the global stream, says so, and the
 * stream is opened again from the last event the view holds. Returns a function that stops
 * everything.
 */
export function followJob(api: ApiClient, jobId: string, EventSource?: EventStreamOptions['EventSource']): () => void {
  let stopped = false;
  let stream: { close(): void } | null = null;
  /** Connecting or connected; false once EventSource gave up (until we open it again). */
  let attached = false;
  let unsubscribe: (() => void) | null = null;

  const queueRowActive = (): boolean => {
    const row = appStore.getState().queue.jobs.get(jobId);
    return row !== undefined && ACTIVE.has(row.status);
  };

  const open = (): void => {
    stream?.close();
    attached = true;
    stream = openEventStream({
      // Our own re-open starts after the last event the view applied (the fetched Job and the
      // replay so far); a brand-new view starts from the first event.
      url: (lastEventId) =>
        api.jobEventsUrl(jobId, lastEventId ?? detailStore.getState().detail?.cursorId ?? FROM_START),
      onEvents: receiveDetailEvents,
      onStatus: (status) => {
        attached = status !== 'closed';
      },
      // Re-open while the job can still change: it is active, or failed but resumable (a cheap
      // 204 now and then, in case the queue row below cannot tell: the global stream is down).
      shouldReopen: async () => {
        const job = detailStore.getState().detail?.job;
        if (job && (ACTIVE.has(job.status) || (job.status === 'failed' && job.canResume))) return true;
        return queueRowActive();
      },
      ...(EventSource ? { EventSource } : {}),
    });
  };

  api.job(jobId).then(
    (job) => {
      if (stopped) return;
      detailLoaded(job);
      open();
      // The job left an ended state (resumed): open the stream again now, not at the next back-off.
      unsubscribe = appStore.subscribe((state, previous) => {
        const row = state.queue.jobs.get(jobId);
        if (stopped || attached || !row || row === previous.queue.jobs.get(jobId)) return;
        if (ACTIVE.has(row.status)) open();
      });
    },
    (error: unknown) => {
      if (!stopped) detailFailed(jobId, errorMessage(error));
    },
  );
  return () => {
    stopped = true;
    unsubscribe?.();
    stream?.close();
  };
}
