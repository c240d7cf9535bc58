import { appStore } from '../store/app-store.js';
import { endedBetween, notifyOnEndWanted } from './end-notifications.js';
import { routeHref } from './route.js';
import { tabTitle } from './tab-title.js';

const ENDED_TEXT = { completed: 'is ready', failed: 'failed', canceled: 'was canceled' } as const;

/**
 * Keeps what lives outside the React tree in step with the queue: the tab title, and (when the
 * user opted in, in a browser) a notification for every job that ends. Returns an unsubscribe.
 */
export function startQueueWatchers(doc: Document = document): () => void {
  doc.title = tabTitle(appStore.getState().queue);
  return appStore.subscribe((state, previous) => {
    if (state.queue === previous.queue) return;
    const title = tabTitle(state.queue);
    if (doc.title !== title) doc.title = title;
    if (typeof Notification === 'undefined' || Notification.permission !== 'granted' || !notifyOnEndWanted()) return;
    for (const job of endedBetween(previous.queue, state.queue)) {
      const status = job.status as keyof typeof ENDED_TEXT;
      const note = new Notification(`“${job.title}” ${ENDED_TEXT[status] ?? job.status}`, { tag: job.jobId });
      note.onclick = () => {
        window.focus();
        window.location.hash = routeHref({ view: 'job', jobId: job.jobId });
      };
    }
  });
}
