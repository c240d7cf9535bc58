import type { QueueItem, QueueResponse } from '../../src-shared/job.js';
import { QueueDraft } from './queue-draft.js';
import { compareNewestFirst, compareRunOrder, toJobView, type JobView, type QueueData } from './queue-state.js';
import type { StreamEvent } from './stream-event.js';

/**
 * Folds a batch of global-stream events into the queue. Pure: same state + events + clock, same
 * result. The events carry the job's row as the engine recorded it, so the rules are few:
 * - an event whose seq is at or below the last applied one is a replay or arrived late: dropped;
 * - a `queue-snapshot` is the whole truth: it replaces everything and resets the cursor (the
 *   server sends one after a restart, when seq starts again from 1);
 * - `job-created`, `job-status` and `step-status` replace the job's row with the one they carry;
 * - `step-progress` moves a running row's percent, step, message and ETA (percent never goes
 *   back within an attempt); events for a job we do not know are dropped (the next snapshot
 *   carries it).
 * `now` only stamps when an ETA was received, so the countdown can run between events.
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
  resetTo(draft, page.jobs, page.stats);
  return draft.finish();
}

/** Adds a job we learned about outside the stream (the POST /api/render answer), at once. */
export function addJob(state: QueueData, item: QueueItem): QueueData {
  const draft = new QueueDraft(state);
  draft.add(toJobView(item));
  return draft.finish();
}

/** A pending job's new place, as POST /api/jobs/{id}/move answered it (its event confirms it later). */
export function moveJob(state: QueueData, jobId: string, position: number): QueueData {
  const job = state.jobs.get(jobId);
  if (!job || job.status !== 'pending') return state;
  const draft = new QueueDraft(state);
  draft.placeInRunOrder(jobId, position);
  return draft.finish();
}

function resetTo(draft: QueueDraft, items: readonly QueueItem[], stats: QueueData['stats']): void {
  const jobs = new Map<string, JobView>();
  for (const item of items) jobs.set(item.jobId, toJobView(item, draft.get(item.jobId)));
  // The server lists newest first already: check in one pass before paying for a sort.
  const sorted = items.every((job, i) => i === 0 || compareNewestFirst(items[i - 1]!, job) <= 0);
  const order = (sorted ? items : [...items].sort(compareNewestFirst)).map((j) => j.jobId);
  const runOrder = items
    .filter((j) => j.status === 'pending')
    .sort(compareRunOrder)
    .map((j) => j.jobId);
  draft.reset(jobs, order, runOrder, stats);
}

function applyOne(draft: QueueDraft, event: StreamEvent, now: number): void {
  switch (event.type) {
    case 'queue-snapshot':
      resetTo(draft, event.data.jobs, event.data.stats);
      draft.loaded = true;
      return;
    case 'job-created':
      draft.add(toJobView(event.data.job));
      return;
    case 'job-deleted':
      draft.remove(event.data.jobId);
      return;
    case 'job-status':
    case 'step-status': {
      const job = draft.get(event.data.jobId);
      if (job) draft.update(toJobView(event.data.job, job));
      return;
    }
    case 'step-progress': {
      const job = draft.get(event.data.jobId);
      if (!job || job.status !== 'running') return;
      const d = event.data;
      draft.update({
        ...job,
        step: d.step,
        stage: d.stage,
        stepPct: clampPct(d.progressPct),
        message: d.message ?? (job.step === d.step ? job.message : null),
        progressPct: Math.max(job.progressPct, clampPct(d.jobProgressPct)),
        etaSeconds: d.etaSeconds,
        etaAt: d.etaSeconds === null ? null : now,
      });
      return;
    }
    case 'job-completed':
    case 'job-failed':
    case 'job-canceled':
    case 'queue-status':
    case 'warning':
    case 'job-log':
      // The job-status committed with a job's last event already carries its row; the queue's
      // pause state is the app store's; warnings and logs belong to the detail view.
      return;
  }
}

function clampPct(pct: number): number {
  return Math.min(100, Math.max(0, pct));
}
