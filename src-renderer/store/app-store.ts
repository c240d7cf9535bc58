import { createStore } from 'zustand/vanilla';
import type { JobStatus, QueueItem, QueueResponse } from '../../src-shared/job.js';
import { addJob, applyPreview, applyQueueEvents } from './queue-reducer.js';
import { INITIAL_QUEUE, type QueueData } from './queue-state.js';
import type { StreamEvent } from './stream-event.js';

/** What the banner says about the global event stream. */
export type ConnectionStatus =
  /** First connection, nothing received yet. */
  | 'connecting'
  | 'live'
  /** The stream broke; EventSource (or we) are trying again. */
  | 'reconnecting'
  /** Back after a break, with the missed events or a fresh snapshot applied. */
  | 'caught-up'
  /** The server answers but refuses our token (it restarted with a new one). */
  | 'unauthorized';

export type StatusFilter = JobStatus | 'all';

export interface AppState {
  queue: QueueData;
  filter: StatusFilter;
  connection: ConnectionStatus;
  /** What this window last did to the queue; null until it has (the API has no way to ask). */
  queuePaused: boolean | null;
}

const INITIAL: AppState = { queue: INITIAL_QUEUE, filter: 'all', connection: 'connecting', queuePaused: null };

/** The renderer's one store. Vanilla, so the SSE client feeds it without React. */
export const appStore = createStore<AppState>()(() => INITIAL);

// Actions live at module level (zustand's "no store actions" practice): callable from anywhere.

/** Applies a batch of global-stream events. */
export function receiveQueueEvents(events: readonly StreamEvent[], now = Date.now()): void {
  appStore.setState((s) => {
    const queue = applyQueueEvents(s.queue, events, now);
    return queue === s.queue ? s : { queue };
  });
  if (events.some((e) => e.type === 'queue-snapshot')) performance.mark('aura:snapshot-applied');
}

/** The first page of the queue, shown until the stream's snapshot arrives. */
export function queuePreviewed(page: QueueResponse): void {
  appStore.setState((s) => {
    const queue = applyPreview(s.queue, page);
    return { queuePaused: page.queuePaused, ...(queue === s.queue ? {} : { queue }) };
  });
}

/** Shows a job the moment POST /api/render answers, before its job-created event arrives. */
export function jobSubmitted(item: QueueItem): void {
  appStore.setState((s) => ({ queue: addJob(s.queue, item) }));
}

export function setFilter(filter: StatusFilter): void {
  appStore.setState({ filter });
}

export function setConnection(connection: ConnectionStatus): void {
  if (appStore.getState().connection !== connection) appStore.setState({ connection });
}

export function setQueuePaused(queuePaused: boolean): void {
  appStore.setState({ queuePaused });
}

/** Back to the first state (tests, and a fresh start after the token changes). */
export function resetAppStore(): void {
  appStore.setState(INITIAL, true);
}
