import type { EventDataMap, EventType } from '../../src-shared/events.js';
import type { QueueItem, StepState } from '../../src-shared/job.js';
import type { StreamEvent } from '../../src-renderer/store/stream-event.js';

/** A queue item with sensible defaults; `n` orders creation times (higher = newer). */
export function item(jobId: string, n: number, over: Partial<QueueItem> = {}): QueueItem {
  return {
    jobId,
    title: `Job ${jobId}`,
    status: 'pending',
    stage: null,
    progressPct: 0,
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
    startedAt: null,
    completedAt: null,
    canceledAt: null,
    canResume: false,
    artifactCount: 0,
    hasErrors: false,
    position: null,
    renderSeconds: 0,
    activeSince: null,
    expectedSeconds: 10,
    machine: null,
    ...over,
  };
}

/** A parsed stream event as the SSE client hands it to the store (id `<ts>-<seq>`). */
export function ev<K extends EventType>(seq: number, type: K, data: EventDataMap[K], ts = 1000): StreamEvent {
  return { id: `${ts}-${seq}`, ts, seq, type, data } as StreamEvent;
}

/** The `job-status` event the engine sends for a job whose row is now `job` (with these steps). */
export function statusEv(seq: number, job: QueueItem, steps: StepState[] = [], ts = 1000): StreamEvent {
  return ev(
    seq,
    'job-status',
    {
      jobId: job.jobId,
      status: job.status,
      stage: job.stage,
      progressPct: job.progressPct,
      canResume: job.canResume,
      job,
      steps,
      error: null,
      endedAt: null,
    },
    ts,
  );
}

/** A step as the engine records it. */
export function step(name: string, over: Partial<StepState> = {}): StepState {
  return { name, stage: name, status: 'pending', progressPct: 0, startedAt: null, endedAt: null, ...over };
}

/** The `step-status` event of `state`, with the job's row. */
export function stepEv(seq: number, job: QueueItem, state: StepState, ts = 1000): StreamEvent {
  const { name, ...rest } = state;
  return ev(seq, 'step-status', { jobId: job.jobId, step: name, ...rest, job }, ts);
}

export const STATS0 = { total: 0, pending: 0, running: 0, paused: 0, completed: 0, failed: 0, canceled: 0 };
