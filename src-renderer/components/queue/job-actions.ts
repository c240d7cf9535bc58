import { artifactNames } from '../../../src-shared/artifact-names.js';
import type { Job, JobStatus } from '../../../src-shared/job.js';
import { availableActions as lifecycleActions, isEnded } from '../../../src-shared/lifecycle.js';
import type { MoveRequest } from '../../../src-shared/queue.js';
import { api, bridge } from '../../api/client.js';
import { ApiError, errorMessage } from '../../api/api-error.js';
import { appStore, jobMoved, jobSubmitted } from '../../store/app-store.js';
import { openFormWithSpec } from '../../store/form-request.js';
import { askConfirm, notify } from '../../store/ui-store.js';
import { sceneCount } from '../detail/scene-count.js';

/**
 * The actions a job in this state offers: the shared lifecycle table's (the engine and the
 * server's 409s use the same one), so no button is bound to fail; plus what the UI adds on top
 * (open the video, render an ended job again).
 */
export function availableActions(job: { status: JobStatus; canResume: boolean; artifactCount: number }) {
  const can = lifecycleActions(job.status, job.canResume);
  const ended = isEnded(job.status);
  return {
    ...can,
    openOutput: job.status === 'completed' && job.artifactCount > 0,
    renderAgain: ended,
  };
}

/** Codes that mean "the job moved on before the request arrived": the state the stream shows is the answer. */
const OVERTAKEN = new Set([
  'JOB_NOT_CANCELABLE',
  'JOB_NOT_PAUSABLE',
  'JOB_NOT_RESUMABLE',
  'JOB_NOT_PENDING',
  'NOT_FOUND',
]);

async function run<T>(what: string, action: () => Promise<T>): Promise<T | undefined> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof ApiError && OVERTAKEN.has(error.code)) notify(`Nothing to ${what}: ${error.message}`);
    else notify(`Could not ${what}: ${errorMessage(error)}`, 'error');
    return undefined;
  }
}

/** What cancelling throws away, in words: "5 of 8 scenes are done and will be thrown away." */
export function cancelLoss(job: Pick<Job, 'steps' | 'spec'>): string | null {
  const visuals = job.steps.find((s) => s.name === 'visuals');
  const total = sceneCount(job.spec);
  // Until the step has ended, its progress is the video-length share of the scenes done (and in
  // flight), not a count: round it, never claim all or none, and say it is approximate.
  const exact = visuals?.status === 'succeeded';
  const share = visuals ? (visuals.progressPct / 100) * total : 0;
  const done = exact ? total : share > 0 ? Math.min(total - 1, Math.max(1, Math.round(share))) : 0;
  if (done > 0) {
    const count = `${exact ? '' : 'About '}${done} of ${total} scene${total === 1 ? '' : 's'}`;
    return `${count} ${done === 1 ? 'is' : 'are'} done and will be thrown away.`;
  }
  if (job.steps.some((s) => s.status === 'succeeded')) return 'The finished steps are thrown away.';
  return null;
}

/** True while the job is still in one of `statuses` (a confirm dialog about it stays open only then). */
const stillIn = (jobId: string, statuses: readonly JobStatus[]) => () => {
  const row = appStore.getState().queue.jobs.get(jobId);
  return row !== undefined && statuses.includes(row.status);
};

/**
 * Cancels, asking first when work would be thrown away (a running job, or a paused one that
 * holds finished scenes, saying how many). The stream then shows the new state.
 */
export async function cancelJob(job: { jobId: string; title: string; status: JobStatus }): Promise<void> {
  if (job.status === 'running' || job.status === 'paused') {
    const full = await api()
      .job(job.jobId)
      .catch(() => null);
    const loss = full ? cancelLoss(full) : null;
    if (job.status === 'running' || loss) {
      const ok = await askConfirm({
        title: `Cancel “${job.title}”?`,
        body: `${job.status === 'running' ? 'The render stops now. ' : ''}${loss ?? ''} A canceled render cannot be resumed.`
          .replace(/\s+/g, ' ')
          .trim(),
        confirmLabel: 'Yes, cancel it',
        cancelLabel: job.status === 'running' ? 'Keep rendering' : 'Keep it',
        stillValid: stillIn(job.jobId, ['pending', 'running', 'paused']),
        overtaken: `“${job.title}” ended before you confirmed: there is nothing to cancel.`,
      });
      if (!ok) return;
    }
  }
  await run('cancel the render', () => api().cancel(job.jobId));
}

export const pauseJob = (jobId: string) => run('pause the render', () => api().pause(jobId));
export const resumeJob = (jobId: string) => run('resume the render', () => api().resume(jobId));

/** Deletes an ended job, asking first when that throws away a finished video. */
export async function deleteJob(job: { jobId: string; title: string; artifactCount: number }): Promise<void> {
  if (job.artifactCount > 0) {
    const ok = await askConfirm({
      title: `Delete “${job.title}”?`,
      body: 'Its video and every file it made are removed from this computer.',
      confirmLabel: 'Yes, delete it',
      cancelLabel: 'Keep it',
      stillValid: () => appStore.getState().queue.jobs.has(job.jobId),
      overtaken: `“${job.title}” was already deleted.`,
    });
    if (!ok) return;
  }
  await run('delete the job', () => api().deleteJob(job.jobId));
}

/** "Render again": a new pending job with the same spec, shown at once. */
export async function renderAgain(jobId: string): Promise<void> {
  const job = await run('render it again', () => api().duplicate(jobId));
  if (job) jobSubmitted(job);
}

/** "Edit & render again": the job's spec in the render form. */
export async function editAndRenderAgain(jobId: string): Promise<void> {
  const job = await run('open the job in the form', () => api().job(jobId));
  if (job) openFormWithSpec(job.spec, jobId);
}

/** Moves a pending job in the run order; the row moves when the server has answered. */
export async function moveJob(jobId: string, request: MoveRequest): Promise<void> {
  const answer = await run('move the job', () => api().move(jobId, request));
  if (answer) jobMoved(answer.jobId, answer.position);
}

/** Opens the video (named after the title): with the OS player in Electron, in a new tab in a browser. */
export function openOutput(jobId: string, title: string, name = artifactNames(title).video): void {
  const b = bridge();
  if (b) {
    void run('open the video', () => b.openArtifact(jobId, name));
    return;
  }
  window.open(api().artifactUrl(jobId, name), '_blank', 'noopener');
}
