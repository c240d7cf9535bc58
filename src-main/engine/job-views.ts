import { jobStatusData, type EventDataMap } from '../../src-shared/events.js';
import type { Job, Progress, QueueItem, QueueStats, StepState } from '../../src-shared/job.js';
import type { RenderSpec } from '../../src-shared/spec.js';
import { expectedVideoSeconds } from '../../src-shared/video-length.js';
import type { JobRecord } from './job-record.js';

/** A spec never changes once queued: its expected length is worked out once (lists show it often). */
const expectedBySpec = new WeakMap<RenderSpec, number>();

function expectedSeconds(spec: RenderSpec): number {
  let seconds = expectedBySpec.get(spec);
  if (seconds === undefined) {
    seconds = Math.round(expectedVideoSeconds(spec) * 10) / 10;
    expectedBySpec.set(spec, seconds);
  }
  return seconds;
}

/** The list row of a job (API.md QueueItem); `position` is its place in the run order while pending. */
export function toQueueItem(r: JobRecord, position: number | null = null): QueueItem {
  return {
    jobId: r.jobId,
    title: r.title,
    status: r.status,
    stage: r.stage,
    progressPct: r.progressPct,
    createdAt: r.createdAt,
    startedAt: r.startedAt,
    completedAt: r.completedAt,
    canceledAt: r.canceledAt,
    canResume: r.canResume,
    artifactCount: r.artifacts.length,
    hasErrors: r.error !== null,
    position,
    renderSeconds: renderSeconds(r.steps),
    activeSince: r.status === 'running' ? (r.steps.find((s) => s.status === 'running')?.startedAt ?? null) : null,
    expectedSeconds: expectedSeconds(r.spec),
    machine: r.machine,
  };
}

/** Seconds the steps ran, each from its start to its end (a step still running counts from the next event). */
function renderSeconds(steps: readonly StepState[]): number {
  let ms = 0;
  for (const s of steps) {
    if (s.startedAt && s.endedAt) ms += Math.max(0, Date.parse(s.endedAt) - Date.parse(s.startedAt));
  }
  return Math.round(ms) / 1000;
}

/** The full job as the wire shows it: the record without its disk-only fields. */
export function toJob(r: JobRecord, position: number | null = null): Job {
  const { schemaVersion: _v, lastEventSeq: _s, resumeOnStart: _r, damaged: _d, queueKey: _k, ...rest } = r;
  const { artifactCount, hasErrors, renderSeconds: seconds, activeSince, expectedSeconds: expected } = toQueueItem(r);
  return {
    ...rest,
    artifactCount,
    hasErrors,
    position,
    renderSeconds: seconds,
    activeSince,
    expectedSeconds: expected,
  };
}

export interface LiveEstimate {
  /** When the current attempt started running (ms). */
  attemptStartedMs: number;
  etaSeconds: number | null;
}

/** Progress (API.md) from the record plus the runner's live estimate for a running job. */
export function toProgress(r: JobRecord, live: LiveEstimate | undefined, nowMs = Date.now()): Progress {
  const current = r.steps.find((s) => s.status === 'running') ?? null;
  const startMs = live?.attemptStartedMs ?? (r.startedAt ? Date.parse(r.startedAt) : null);
  const endMs = r.endedAt ? Date.parse(r.endedAt) : nowMs;
  const elapsedSeconds = startMs === null ? null : Math.max(0, (endMs - startMs) / 1000);
  const remaining = r.status === 'completed' ? 0 : r.status === 'running' ? (live?.etaSeconds ?? null) : null;
  return {
    jobId: r.jobId,
    status: r.status,
    stage: r.stage,
    progressPct: r.progressPct,
    createdAt: r.createdAt,
    startedAt: r.startedAt,
    completedAt: r.completedAt,
    canceledAt: r.canceledAt,
    elapsedSeconds,
    estimatedTotalSeconds: remaining === null || elapsedSeconds === null ? null : elapsedSeconds + remaining,
    remainingSeconds: remaining,
    currentStep: current ? { name: current.name, status: current.status, progressPct: current.progressPct } : null,
    completedSteps: r.steps.filter((s) => s.status === 'succeeded' || s.status === 'skipped').map((s) => s.name),
    canResume: r.canResume,
    hasErrors: r.error !== null,
    hasWarnings: r.warnings.length > 0,
  };
}

/** Counts of every job per status. */
export function countStats(records: Iterable<JobRecord>): QueueStats {
  const stats: QueueStats = { total: 0, pending: 0, running: 0, paused: 0, completed: 0, failed: 0, canceled: 0 };
  for (const r of records) {
    stats.total++;
    stats[r.status]++;
  }
  return stats;
}

/**
 * The `job-status` event of the record's current state: the job's row, steps and error as
 * recorded; `position` its place in the run order while pending (a moved job's event says where).
 */
export function statusEvent(
  r: JobRecord,
  position: number | null = null,
): { type: 'job-status'; data: EventDataMap['job-status'] } {
  return { type: 'job-status', data: jobStatusData(toJob(r, position)) };
}

/** The `step-status` event of step `index` as recorded, with the job's row. */
export function stepStatusEvent(
  r: JobRecord,
  index: number,
): { type: 'step-status'; data: EventDataMap['step-status'] } {
  const { name, ...state } = r.steps[index]!;
  return { type: 'step-status', data: { jobId: r.jobId, step: name, ...state, job: toQueueItem(r) } };
}
