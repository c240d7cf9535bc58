import type { EventDataMap, EventType } from '../../src-shared/events.js';
import type { QueueItem } from '../../src-shared/job.js';
import type { StreamEvent } from '../../src-renderer/store/stream-event.js';

/** A queue item with sensible defaults; `n` orders creation times (higher = newer). */
export function item(jobId: string, n: number, over: Partial<QueueItem> = {}): QueueItem {
  return {
    jobId,
    title: `Job ${jobId}`,
    status: 'pending',
    stage: null,
    percent: 0,
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
    startedAt: null,
    completedAt: null,
    canceledAt: null,
    canResume: false,
    artifactCount: 0,
    hasErrors: false,
    position: null,
    ...over,
  };
}

/** A parsed stream event as the SSE client hands it to the store (id `<ts>-<seq>`). */
export function ev<K extends EventType>(seq: number, type: K, data: EventDataMap[K], ts = 1000): StreamEvent {
  return { id: `${ts}-${seq}`, ts, seq, type, data } as StreamEvent;
}

export const STATS0 = { total: 0, pending: 0, running: 0, paused: 0, completed: 0, failed: 0, canceled: 0 };
