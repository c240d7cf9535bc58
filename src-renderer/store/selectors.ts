import { useStore } from 'zustand';
import { appStore, type AppState } from './app-store.js';
import type { JobView, QueueData } from './queue-state.js';

/** Reads the app store through a selector; the component re-renders only when its slice changes. */
export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(appStore, selector);
}

/** One queue row; unchanged rows keep their object, so other rows' progress does not re-render them. */
export function useJob(jobId: string): JobView | undefined {
  return useStore(appStore, (s) => s.queue.jobs.get(jobId));
}

/**
 * False while the event stream is broken (or the token refused), or the render farm's Redis is
 * away (the API then answers 503 and no event comes): what the screen shows may be stale, so
 * running rows say "Reconnecting…", clocks stop and server actions are disabled. The first
 * connection counts as online: the rows then come from a page the server just sent.
 */
export function selectOnline(s: AppState): boolean {
  return s.connection !== 'reconnecting' && s.connection !== 'unauthorized' && s.farm?.reachable !== false;
}

/** The farm the engine runs on, null (this machine alone) or undefined (not known yet). */
export function selectFarm(s: AppState): AppState['farm'] {
  return s.farm;
}

/**
 * The queue in the order it works: running jobs, paused ones, pending ones in the order they will
 * run, then ended jobs newest first. One pass over the newest-first order plus the run order.
 */
export function runOrderIds(queue: QueueData): string[] {
  const running: string[] = [];
  const paused: string[] = [];
  const ended: string[] = [];
  for (const id of queue.order) {
    const status = queue.jobs.get(id)?.status;
    if (status === 'running') running.push(id);
    else if (status === 'paused') paused.push(id);
    else if (status !== 'pending') ended.push(id);
  }
  return [...running, ...paused, ...queue.runOrder, ...ended];
}

let visibleMemo: { order: readonly string[]; epoch: number; filter: string; ids: readonly string[] } | null = null;

/**
 * Ids the list shows, in run order (see runOrderIds) under the status filter. Recomputed only
 * when the order or some job's status changed (listEpoch), never for a progress tick, and
 * returned by reference otherwise, so the list does not re-render at 200 events/s.
 */
export function selectVisibleIds(s: AppState): readonly string[] {
  const { order, listEpoch, jobs } = s.queue;
  const m = visibleMemo;
  if (m && m.order === order && m.epoch === listEpoch && m.filter === s.filter) return m.ids;
  const ids =
    s.filter === 'all'
      ? runOrderIds(s.queue)
      : s.filter === 'pending'
        ? s.queue.runOrder
        : order.filter((id) => jobs.get(id)?.status === s.filter);
  visibleMemo = { order, epoch: listEpoch, filter: s.filter, ids };
  return ids;
}
