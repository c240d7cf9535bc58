import type { Job, StepState } from '../../src-shared/job.js';
import type { StreamEvent } from './stream-event.js';

/** How many log lines the detail view keeps. */
export const LOG_TAIL_LINES = 200;

/** The open job's detail view: the fetched Job kept current by the job's own event stream. */
export interface DetailData {
  jobId: string;
  job: Job | null;
  /** `[level] message` lines from job-log events, oldest first, at most LOG_TAIL_LINES. */
  log: readonly string[];
  /** seq of the last applied event of this job's stream. */
  cursorSeq: number | null;
  /** `id:` of that event, where a re-opened stream resumes (null before the first). */
  cursorId: string | null;
  /** Bumped by visuals progress, so thumbnails that were not there yet are tried again. */
  thumbRevision: number;
  loadError: string | null;
}

export function emptyDetail(jobId: string): DetailData {
  return { jobId, job: null, log: [], cursorSeq: null, cursorId: null, thumbRevision: 0, loadError: null };
}

const ENDED_STEP = new Set(['succeeded', 'failed', 'skipped', 'canceled']);

/**
 * Folds a batch of per-job events into the detail view. The stream is replayed from the job's
 * first event over the fetched Job, so every rule is idempotent: statuses are set, times are only
 * filled when missing, warnings are de-duplicated, progress only rises within a step.
 */
export function applyDetailEvents(detail: DetailData, events: readonly StreamEvent[]): DetailData {
  if (!detail.job) return detail;
  let job: Job = detail.job;
  let log = detail.log;
  let cursorSeq = detail.cursorSeq;
  let cursorId = detail.cursorId;
  let thumbRevision = detail.thumbRevision;
  for (const event of events) {
    if (
      event.type === 'queue-snapshot' ||
      event.type === 'queue-status' ||
      event.type === 'job-created' ||
      event.type === 'job-deleted'
    )
      continue;
    if (event.data.jobId !== detail.jobId) continue;
    if (event.id !== null && cursorSeq !== null && event.seq <= cursorSeq) continue;
    if (event.id !== null) {
      cursorSeq = event.seq;
      cursorId = event.id;
    }
    const at = new Date(event.ts || Date.now()).toISOString();
    switch (event.type) {
      case 'job-status': {
        const d = event.data;
        job = {
          ...job,
          status: d.status,
          stage: d.stage,
          progressPct: d.progressPct,
          percent: d.progressPct,
          canResume: d.canResume,
        };
        if (d.status === 'running' && !job.startedAt) job.startedAt = at;
        // A resumed job runs again: the engine clears the last attempt's error, so does the view.
        if (d.status === 'pending' || d.status === 'running') job = { ...job, error: null, hasErrors: false };
        // The engine sends no step event when it stops a job: mirror what it records.
        if (d.status === 'paused' || d.status === 'pending') job = stopRunningSteps(job, 'pending', null);
        if (d.status === 'canceled') job = stopRunningSteps(job, 'canceled', at);
        break;
      }
      case 'step-status': {
        const d = event.data;
        job = withStep(job, d.step, d.stage, (s) => ({
          ...s,
          status: d.status,
          startedAt: d.status === 'running' ? (s.status === 'running' && s.startedAt ? s.startedAt : at) : s.startedAt,
          endedAt: ENDED_STEP.has(d.status) ? at : null,
          progressPct: d.status === 'succeeded' ? 100 : s.progressPct,
        }));
        if (d.status === 'running') job = { ...job, stage: d.stage };
        if (d.step === 'visuals') thumbRevision += 1;
        break;
      }
      case 'step-progress': {
        const d = event.data;
        job = withStep(job, d.step, d.stage, (s) => ({ ...s, progressPct: Math.max(s.progressPct, d.progressPct) }));
        const pct = Math.max(job.progressPct, d.jobProgressPct);
        job = { ...job, stage: d.stage, progressPct: pct, percent: pct };
        if (d.step === 'visuals') thumbRevision += 1;
        break;
      }
      case 'job-log':
        log = [...log.slice(-(LOG_TAIL_LINES - 1)), `[${event.data.level}] ${event.data.message}`];
        break;
      case 'warning': {
        const d = event.data;
        const step = d.step ?? null;
        if (!job.warnings.some((w) => w.code === d.code && w.message === d.message && w.step === step)) {
          job = { ...job, warnings: [...job.warnings, { code: d.code, message: d.message, step, at }] };
        }
        break;
      }
      case 'job-completed':
        job = {
          ...job,
          status: 'completed',
          progressPct: 100,
          percent: 100,
          artifacts: event.data.artifacts,
          artifactCount: event.data.artifacts.length,
          completedAt: job.completedAt ?? at,
          endedAt: job.endedAt ?? at,
        };
        thumbRevision += 1;
        break;
      case 'job-failed': {
        const d = event.data;
        job = d.step
          ? withStep(job, d.step, job.stage ?? d.step, (st) => ({ ...st, status: 'failed', endedAt: at }))
          : stopRunningSteps(job, 'failed', at);
        job = {
          ...job,
          status: 'failed',
          hasErrors: true,
          endedAt: job.endedAt ?? at,
          error: { ...d.error, step: d.step, logTail: job.error?.logTail ?? [] },
        };
        break;
      }
      case 'job-canceled':
        job = stopRunningSteps(job, 'canceled', at);
        job = {
          ...job,
          status: 'canceled',
          canResume: false,
          canceledAt: job.canceledAt ?? at,
          endedAt: job.endedAt ?? at,
        };
        break;
    }
  }
  if (job === detail.job && log === detail.log && cursorSeq === detail.cursorSeq) return detail;
  return { ...detail, job, log, cursorSeq, cursorId, thumbRevision };
}

/** Running steps of a job that stopped: back to pending (pause), or ended as canceled/failed. */
function stopRunningSteps(job: Job, status: 'pending' | 'canceled' | 'failed', at: string | null): Job {
  if (!job.steps.some((s) => s.status === 'running')) return job;
  return { ...job, steps: job.steps.map((s) => (s.status === 'running' ? { ...s, status, endedAt: at } : s)) };
}

/** Replaces one step (adding it when the fetched job did not list it yet). */
function withStep(job: Job, name: string, stage: string, change: (s: StepState) => StepState): Job {
  const at = job.steps.findIndex((s) => s.name === name);
  const steps = [...job.steps];
  if (at >= 0) steps[at] = change(steps[at]!);
  else steps.push(change({ name, stage, status: 'pending', progressPct: 0, startedAt: null, endedAt: null }));
  return { ...job, steps };
}
