import type { QueueItem, QueueResponse } from '../../src-shared/job.js';
import { QueueDraft } from './queue-draft.js';
import { compareNewestFirst, FINAL_STATUSES, toJobView, type JobView, type QueueData } from './queue-state.js';
import type { StreamEvent } from './stream-event.js';

/**
 * Folds a batch of global-stream events into the queue. Pure: same state + events + clock, same
 * result. Rules that keep it converging whatever the network does:
 * - an event whose seq is at or below the last applied one is a replay or arrived late: dropped;
 * - a `queue-snapshot` is the whole truth: it replaces everything and resets the cursor (the
 *   server sends one after a restart, when seq starts again from 1);
 * - events for a job we do not know are dropped (the next snapshot carries it);
 * - completed and canceled are final; progress never goes backwards; stale progress for a job
 *   that is no longer running is ignored.
 */
export function applyQueueEvents(state: QueueData, events: readonly StreamEvent[], now: number): QueueData {
  const draft = new QueueDraft(state);
  for (const event of events) {
    if (
      event.type !== 'queue-snapshot' &&
      event.id !== null &&
      draft.cursorSeq !== null &&
      event.seq <= draft.cursorSeq
    ) {
      continue;
    }
    applyOne(draft, event, now);
    if (event.id !== null) {
      draft.cursorSeq = event.seq;
      draft.lastEventId = event.id;
    }
  }
  return draft.finish();
}

/**
 * Shows the first page of GET /api/queue while the stream's snapshot is still on its way (it
 * holds every job, so for a big queue it comes later). Ignored once a snapshot has arrived.
 */
export function applyPreview(state: QueueData, page: QueueResponse): QueueData {
  if (state.loaded) return state;
  const draft = new QueueDraft(state);
  const jobs = new Map(page.jobs.map((item) => [item.jobId, toJobView(item)] as const));
  draft.reset(
    jobs,
    [...page.jobs].sort(compareNewestFirst).map((j) => j.jobId),
    page.stats,
  );
  return draft.finish();
}

/** Adds a job we learned about outside the stream (the POST /api/render answer), at once. */
export function addJob(state: QueueData, item: QueueItem): QueueData {
  const draft = new QueueDraft(state);
  draft.add(toJobView(item));
  return draft.finish();
}

function applyOne(draft: QueueDraft, event: StreamEvent, now: number): void {
  // The global stream's id carries the server run's epoch, not the event's time: stamp with our clock.
  const iso = new Date(now).toISOString();
  switch (event.type) {
    case 'queue-snapshot': {
      const jobs = new Map<string, JobView>();
      for (const item of event.data.jobs) jobs.set(item.jobId, toJobView(item, draft.get(item.jobId)));
      const items = event.data.jobs;
      // The server lists newest first already: check in one pass before paying for a sort.
      const sorted = items.every((job, i) => i === 0 || compareNewestFirst(items[i - 1]!, job) <= 0);
      const order = (sorted ? items : [...items].sort(compareNewestFirst)).map((j) => j.jobId);
      draft.reset(jobs, order, event.data.stats);
      draft.loaded = true;
      return;
    }
    case 'job-created':
      draft.add(toJobView(event.data.job));
      return;
    case 'job-deleted':
      draft.remove(event.data.jobId);
      return;
    case 'queue-status':
      return;
  }
  const job = draft.get(event.data.jobId);
  if (!job) return;
  // completed and canceled are final, but their own event may follow the status change and
  // still carries news (the artifacts).
  const ownFinal =
    (event.type === 'job-completed' && job.status === 'completed') ||
    (event.type === 'job-canceled' && job.status === 'canceled');
  if (FINAL_STATUSES.has(job.status) && !ownFinal) return;
  switch (event.type) {
    case 'job-status': {
      const d = event.data;
      const restarted = d.status === 'pending' && job.status !== 'pending';
      draft.update({
        ...job,
        status: d.status,
        stage: d.stage,
        percent: clampPct(d.progressPct),
        canResume: d.canResume,
        startedAt: d.status === 'running' && !job.startedAt ? iso : job.startedAt,
        completedAt: d.status === 'completed' ? (job.completedAt ?? iso) : job.completedAt,
        canceledAt: d.status === 'canceled' ? (job.canceledAt ?? iso) : job.canceledAt,
        hasErrors: d.status === 'failed' ? true : restarted ? false : job.hasErrors,
        etaSeconds: d.status === 'running' ? job.etaSeconds : null,
        etaAt: d.status === 'running' ? job.etaAt : null,
      });
      return;
    }
    case 'step-status': {
      const d = event.data;
      if (d.status !== 'running') return;
      draft.update({ ...job, step: d.step, stage: d.stage, stepPct: 0, message: null });
      return;
    }
    case 'step-progress': {
      if (job.status !== 'running' && job.status !== 'pending') return;
      const d = event.data;
      draft.update({
        ...job,
        status: 'running',
        startedAt: job.startedAt ?? iso,
        step: d.step,
        stage: d.stage,
        stepPct: clampPct(d.progressPct),
        message: d.message ?? job.message,
        percent: Math.max(job.percent, clampPct(d.jobProgressPct)),
        etaSeconds: d.etaSeconds,
        etaAt: d.etaSeconds === null ? null : now,
      });
      return;
    }
    case 'job-completed':
      draft.update({
        ...job,
        status: 'completed',
        percent: 100,
        completedAt: job.completedAt ?? iso,
        artifactCount: event.data.artifacts.length,
        etaSeconds: null,
        etaAt: null,
      });
      return;
    case 'job-failed':
      draft.update({ ...job, status: 'failed', hasErrors: true, etaSeconds: null, etaAt: null });
      return;
    case 'job-canceled':
      draft.update({
        ...job,
        status: 'canceled',
        canResume: false,
        canceledAt: job.canceledAt ?? iso,
        etaSeconds: null,
        etaAt: null,
      });
      return;
    case 'warning':
    case 'job-log':
      // Shown in the job's detail view, from its own stream; the queue row does not change.
      return;
  }
}

function clampPct(pct: number): number {
  return Math.min(100, Math.max(0, pct));
}
