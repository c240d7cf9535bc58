import type { ApiClient } from '../api/api-client.js';
import { ApiError } from '../api/api-error.js';
import { appStore, receiveQueueEvents, setConnection, setQueuePaused } from '../store/app-store.js';
import { openEventStream, type EventStreamOptions } from './event-stream.js';

/** How long "caught up" stays on the banner before it goes quiet. */
const CAUGHT_UP_MS = 4000;

/**
 * The queue's one connection: `/api/events` into the app store, with the connection state the
 * banner shows. After a break EventSource re-sends Last-Event-ID and the server answers with the
 * missed events or a fresh snapshot, so the queue converges without a reload.
 */
export function startGlobalStream(api: ApiClient, EventSource?: EventStreamOptions['EventSource']): () => void {
  let broken = false;
  let quietTimer: ReturnType<typeof setTimeout> | null = null;
  /**
   * Re-reads whether the queue is paused: that is no event, so a break may have hidden a change.
   * Resolves false when the token is refused (the stream then stays closed).
   */
  const rereadQueuePaused = async (): Promise<boolean> => {
    try {
      setQueuePaused((await api.queue({ limit: 1 })).queuePaused);
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        setConnection('unauthorized');
        return false;
      }
      return true;
    }
  };
  const stream = openEventStream({
    url: (lastEventId) => api.eventsUrl(lastEventId ?? appStore.getState().queue.lastEventId),
    onEvents: (events) => receiveQueueEvents(events),
    onStatus: (status) => {
      if (status === 'open') {
        if (!broken) return setConnection('live');
        broken = false;
        // The browser re-connected on its own (no shouldReopen): read the pause flag here.
        void rereadQueuePaused();
        setConnection('caught-up');
        if (quietTimer) clearTimeout(quietTimer);
        quietTimer = setTimeout(() => {
          if (appStore.getState().connection === 'caught-up') setConnection('live');
        }, CAUGHT_UP_MS);
        return;
      }
      broken = true;
      setConnection('reconnecting');
    },
    shouldReopen: rereadQueuePaused,
    ...(EventSource ? { EventSource } : {}),
  });
  return () => {
    if (quietTimer) clearTimeout(quietTimer);
    stream.close();
  };
}
