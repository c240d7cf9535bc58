import { createStore } from 'zustand/vanilla';
import type { FarmStatus } from '../../src-shared/farm.js';
import type { JobStatus, QueueItem, QueueResponse } from '../../src-shared/job.js';
import { addJob, applyPreview, applyQueueEvents, moveJob } from './queue-reducer.js';
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
  /** Whether the engine takes new jobs from the queue (GET /api/queue, then `queue-status` events); null until known. */
  queuePaused: boolean | null;
  /** Jobs ticked for a bulk action. */
  selected: ReadonlySet<string>;
  /** The last job ticked or unticked: a shift-click selects the range from it. */
  selectionAnchor: string | null;
  /** How many jobs the engine runs at once (settings), for the queue's finish estimate. */
  concurrency: number;
  /**
   * The render farm the engine runs on (GET /api/farm): null when this machine renders alone,
   * undefined until known. `reachable` is false while its Redis does not answer (503 FARM_UNAVAILABLE).
   */
  farm: FarmStatus['farm'] | undefined;
}

const INITIAL: AppState = {
  queue: INITIAL_QUEUE,
  filter: 'all',
  connection: 'connecting',
  queuePaused: null,
  selected: new Set(),
  selectionAnchor: null,
  concurrency: 1,
  farm: undefined,
};

/** The renderer's one store. Vanilla, so the SSE client feeds it without React. */
export const appStore = createStore<AppState>()(() => INITIAL);

// Actions live at module level (zustand's "no store actions" practice): callable from anywhere.

/** Applies a batch of global-stream events. */
export function receiveQueueEvents(events: readonly StreamEvent[], now = Date.now()): void {
  appStore.setState((s) => {
    const queue = applyQueueEvents(s.queue, events, now);
    let status: boolean | null = null;
    for (const e of events) if (e.type === 'queue-status') status = e.data.queuePaused;
    const selected = queue.jobs === s.queue.jobs ? s.selected : keepKnown(s.selected, queue.jobs);
    if (queue === s.queue && status === null) return s;
    return { queue, selected, ...(status === null ? {} : { queuePaused: status }) };
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

/** A pending job's new place, as the move request answered it. */
export function jobMoved(jobId: string, position: number): void {
  appStore.setState((s) => ({ queue: moveJob(s.queue, jobId, position) }));
}

export function setFilter(filter: StatusFilter): void {
  appStore.setState({ filter, selected: new Set(), selectionAnchor: null });
}

/**
 * Ticks or unticks a job; with `range` (shift-click) every job listed between the last ticked
 * one and this one takes this one's new state, as in a file manager.
 */
export function toggleSelected(jobId: string, visibleIds: readonly string[], range = false): void {
  appStore.setState((s) => {
    const selected = new Set(s.selected);
    const on = !selected.has(jobId);
    const from = range && s.selectionAnchor !== null ? visibleIds.indexOf(s.selectionAnchor) : -1;
    const to = visibleIds.indexOf(jobId);
    const ids = from >= 0 && to >= 0 ? visibleIds.slice(Math.min(from, to), Math.max(from, to) + 1) : [jobId];
    for (const id of ids) {
      if (on) selected.add(id);
      else selected.delete(id);
    }
    return { selected, selectionAnchor: jobId };
  });
}

export function clearSelection(): void {
  appStore.setState({ selected: new Set(), selectionAnchor: null });
}

export function setConnection(connection: ConnectionStatus): void {
  if (appStore.getState().connection !== connection) appStore.setState({ connection });
}

export function setConcurrency(concurrency: number): void {
  appStore.setState({ concurrency });
}

/** What GET /api/farm answered. */
export function setFarm(farm: FarmStatus['farm']): void {
  appStore.setState((s) => (sameFarm(s.farm, farm) ? s : { farm }));
}

/** An answer of 503 FARM_UNAVAILABLE: the farm's Redis is away (until GET /api/farm says it is back). */
export function farmUnreachable(): void {
  appStore.setState((s) => (s.farm && s.farm.reachable ? { farm: { ...s.farm, reachable: false } } : s));
}

function sameFarm(a: FarmStatus['farm'] | undefined, b: FarmStatus['farm']): boolean {
  if (!a || !b) return a === b;
  return a.url === b.url && a.sharedDir === b.sharedDir && a.renders === b.renders && a.reachable === b.reachable;
}

export function setQueuePaused(queuePaused: boolean): void {
  appStore.setState({ queuePaused });
}

/** The selection without jobs that are gone (deleted here or by another client). */
function keepKnown(selected: ReadonlySet<string>, jobs: ReadonlyMap<string, unknown>): ReadonlySet<string> {
  if (selected.size === 0) return selected;
  for (const id of selected) {
    if (!jobs.has(id)) return new Set([...selected].filter((x) => jobs.has(x)));
  }
  return selected;
}

/** Back to the first state (tests, and a fresh start after the token changes). */
export function resetAppStore(): void {
  appStore.setState(INITIAL, true);
}
