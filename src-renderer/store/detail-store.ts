import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { Job } from '../../src-shared/job.js';
import { applyDetailEvents, emptyDetail, type DetailData } from './detail-reducer.js';
import type { StreamEvent } from './stream-event.js';

/** The open job's detail, or null when no detail view is open. */
export const detailStore = createStore<{ detail: DetailData | null }>()(() => ({ detail: null }));

export function openDetail(jobId: string): void {
  detailStore.setState({ detail: emptyDetail(jobId) });
}

export function closeDetail(): void {
  detailStore.setState({ detail: null });
}

/** The fetched Job arrived (only for the job still open). */
export function detailLoaded(job: Job): void {
  detailStore.setState((s) => (s.detail?.jobId === job.jobId ? { detail: { ...s.detail, job, loadError: null } } : s));
}

export function detailFailed(jobId: string, message: string): void {
  detailStore.setState((s) => (s.detail?.jobId === jobId ? { detail: { ...s.detail, loadError: message } } : s));
}

export function receiveDetailEvents(events: readonly StreamEvent[]): void {
  detailStore.setState((s) => {
    if (!s.detail) return s;
    const detail = applyDetailEvents(s.detail, events);
    return detail === s.detail ? s : { detail };
  });
}

/** Reads the detail store through a selector. */
export function useDetail<T>(selector: (state: DetailData | null) => T): T {
  return useStore(detailStore, (s) => selector(s.detail));
}
