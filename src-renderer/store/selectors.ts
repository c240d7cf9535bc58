import { useStore } from 'zustand';
import { appStore, type AppState } from './app-store.js';
import type { JobView } from './queue-state.js';

/** Reads the app store through a selector; the component re-renders only when its slice changes. */
export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(appStore, selector);
}

/** One queue row; unchanged rows keep their object, so other rows' progress does not re-render them. */
export function useJob(jobId: string): JobView | undefined {
  return useStore(appStore, (s) => s.queue.jobs.get(jobId));
}

let visibleMemo: { order: readonly string[]; epoch: number; filter: string; ids: readonly string[] } | null = null;

/**
 * Ids the list shows, newest first, under the status filter. Recomputed only when the order or
 * some job's status changed (listEpoch), never for a progress tick, and returned by reference
 * otherwise, so the list does not re-render at 200 events/s.
 */
export function selectVisibleIds(s: AppState): readonly string[] {
  const { order, listEpoch, jobs } = s.queue;
  if (s.filter === 'all') return order;
  const m = visibleMemo;
  if (m && m.order === order && m.epoch === listEpoch && m.filter === s.filter) return m.ids;
  const ids = order.filter((id) => jobs.get(id)?.status === s.filter);
  visibleMemo = { order, epoch: listEpoch, filter: s.filter, ids };
  return ids;
}
