import type { EventDataMap } from '../../src-shared/events.js';
import type { Job, Progress, QueueItem, QueueStats } from '../../src-shared/job.js';
import type { JobRecord } from './job-record.js';

/** The list row of a job (API.md QueueItem); `position` is its place in the run order while pending. */
export function toQueueItem(r: JobRecord, position: number | null = null): QueueItem {
  return {
    jobId: r.jobId,
    title: r.title,
    status: r.status,
    stage: r.stage,
    percent: r.progressPct,
    createdAt: r.createdAt,
    startedAt: r.startedAt,
    completedAt: r.completedAt,
    canceledAt: r.canceledAt,
    canResume: r.canResume,
    artifactCount: r.artifacts.length,
    hasErrors: r.error !== null,
    position,
  };
}

/** The full job as the wire shows it: the record without its disk-only fields. */
export function toJob(r: JobRecord, position: number | null = null): Job {
  const { schemaVersion: _v, lastEventSeq: _s, resumeOnStart: _r, damaged: _d, queueKey: _k, ...rest } = r;
  return {
    ...rest,
    percent: r.progressPct,
    artifactCount: r.artifacts.length,
    hasErrors: r.error !== null,
    position,
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

/** The `job-status` event of the record's current state. */
export function statusEvent(r: JobRecord): { type: 'job-status'; data: EventDataMap['job-status'] } {
  return {
    type: 'job-status',
    data: { jobId: r.jobId, status: r.status, stage: r.stage, progressPct: r.progressPct, canResume: r.canResume },
  };
}
