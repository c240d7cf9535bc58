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
  /** The running step's last progress message ("Scene 3 of 8 done"); null when none. */
  message: string | null;
  /** Seconds left as the engine last estimated them, and the client clock (ms) when it said so. */
  eta: { seconds: number; at: number } | null;
  /** seq of the last applied event of this job's stream. */
  cursorSeq: number | null;
  /** `id:` of that event, where a re-opened stream resumes (null before the first). */
  cursorId: string | null;
  /** Bumped by visuals progress, so thumbnails that were not there yet are tried again. */
  thumbRevision: number;
  loadError: string | null;
}

export function emptyDetail(jobId: string): DetailData {
  return {
    jobId,
    job: null,
    log: [],
    message: null,
    eta: null,
    cursorSeq: null,
    cursorId: null,
    thumbRevision: 0,
    loadError: null,
  };
}

/**
 * Folds a batch of per-job events into the detail view. The stream is replayed from the job's
 * first event over the fetched Job; status and step events carry the job as the engine recorded
 * it (its row, steps, error), so they simply replace what the view holds, in seq order, and the
 * view ends where the engine is. Only the step's progress and the log are accumulated here.
 */
export function applyDetailEvents(detail: DetailData, events: readonly StreamEvent[], now = Date.now()): DetailData {
  if (!detail.job) return detail;
  let { job, log, message, eta, cursorSeq, cursorId, thumbRevision } = detail;
  let current: Job = job;
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
    switch (event.type) {
      case 'job-status': {
        const d = event.data;
        current = { ...current, ...d.job, steps: d.steps, error: d.error, endedAt: d.endedAt };
        if (d.status !== 'running') {
          message = null;
          eta = null;
        }
        break;
      }
      case 'step-status': {
        const { jobId: _id, step, job: row, ...state } = event.data;
        current = { ...current, ...row, steps: withStep(current.steps, { name: step, ...state }) };
        message = null;
        if (step === 'visuals') thumbRevision += 1;
        break;
      }
      case 'step-progress': {
        const d = event.data;
        const at = current.steps.findIndex((s) => s.name === d.step);
        const steps =
          at >= 0
            ? current.steps.map((s, i) =>
                i === at ? { ...s, progressPct: Math.max(s.progressPct, d.progressPct) } : s,
              )
            : current.steps;
        current = { ...current, steps, stage: d.stage, progressPct: Math.max(current.progressPct, d.jobProgressPct) };
        if (d.message !== undefined) message = d.message;
        eta = d.etaSeconds === null ? null : { seconds: d.etaSeconds, at: now };
        if (d.step === 'visuals') thumbRevision += 1;
        break;
      }
      case 'job-log':
        log = [...log.slice(-(LOG_TAIL_LINES - 1)), `[${event.data.level}] ${event.data.message}`];
        break;
      case 'warning': {
        const d = event.data;
        const step = d.step ?? null;
        if (!current.warnings.some((w) => w.code === d.code && w.message === d.message && w.step === step)) {
          const at = new Date(event.ts || now).toISOString();
          current = { ...current, warnings: [...current.warnings, { code: d.code, message: d.message, step, at }] };
        }
        break;
      }
      case 'job-completed':
        current = { ...current, artifacts: event.data.artifacts, artifactCount: event.data.artifacts.length };
        thumbRevision += 1;
        break;
      case 'job-failed':
      case 'job-canceled':
        // Their job-status, committed with them, already carried the error and the steps.
        break;
    }
  }
  job = current;
  if (job === detail.job && log === detail.log && cursorSeq === detail.cursorSeq) return detail;
  return { ...detail, job, log, message, eta, cursorSeq, cursorId, thumbRevision };
}

/** Replaces one step by name (adding it when the fetched job did not list it yet). */
function withStep(steps: readonly StepState[], next: StepState): StepState[] {
  const at = steps.findIndex((s) => s.name === next.name);
  if (at < 0) return [...steps, next];
  return steps.map((s, i) => (i === at ? next : s));
}
