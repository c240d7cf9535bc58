import type { ApiClient } from '../api/api-client.js';
import { errorMessage } from '../api/api-error.js';
import { detailFailed, detailLoaded, detailStore, receiveDetailEvents } from '../store/detail-store.js';
import { openEventStream } from './event-stream.js';

/** Replays a job's log from its first event. */
const FROM_START = '0-0';

/**
 * Feeds the open detail view: fetches the Job, then follows the job's own stream from its first
 * event (the replay fills the log tail and the step times; the reducer ignores what the fetched
 * Job already holds). The server ends the stream after the job's last event and answers 204 to
 * the browser's retry, which closes it for good. Returns a function that stops everything.
 */
export function followJob(api: ApiClient, jobId: string): () => void {
  let stopped = false;
  let stream: { close(): void } | null = null;
  api.job(jobId).then(
    (job) => {
      if (stopped) return;
      detailLoaded(job);
      stream = openEventStream({
        url: (lastEventId) => api.jobEventsUrl(jobId, lastEventId ?? FROM_START),
        onEvents: receiveDetailEvents,
        // Re-open only while the job can still change.
        shouldReopen: async () => {
          const status = detailStore.getState().detail?.job?.status;
          return status === 'pending' || status === 'running' || status === 'paused';
        },
      });
    },
    (error: unknown) => {
      if (!stopped) detailFailed(jobId, errorMessage(error));
    },
  );
  return () => {
    stopped = true;
    stream?.close();
  };
}
