import { artifactNames } from '../../../src-shared/artifact-names.js';
import type { JobStatus } from '../../../src-shared/job.js';
import { api, bridge } from '../../api/client.js';
import { errorMessage } from '../../api/api-error.js';
import { askConfirm, notify } from '../../store/ui-store.js';


/** The actions a job in this state offers (API.md's state rules, so no button is bound to fail). */
export function availableActions(job: { status: JobStatus; canResume: boolean; artifactCount: number }) {
  const s = job.status;
  return {
    cancel: s === 'pending' || s === 'running' || s === 'paused',
    pause: s === 'running',
    resume: s === 'paused' || (s === 'failed' && job.canResume),
    delete: s === 'completed' || s === 'failed' || s === 'canceled',
    openOutput: s === 'completed' && job.artifactCount > 0,
  };
}

async function run(what: string, action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
  } catch (error) {
    notify(`Could not ${what}: ${errorMessage(error)}`, 'error');
  }
}

/** Cancels, asking first when work would be thrown away. The stream then shows the new state. */
export async function cancelJob(job: { jobId: string; title: string; status: JobStatus }): Promise<void> {
  if (job.status === 'running') {
    const ok = await askConfirm({
      title: `Cancel “${job.title}”?`,
      body: 'The render stops now and its temporary files are deleted. A canceled render cannot be resumed.',
      confirmLabel: 'Yes, cancel it',
      cancelLabel: 'Keep rendering',
    });
    if (!ok) return;
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
    });
    if (!ok) return;
  }
  await run('delete the job', () => api().deleteJob(job.jobId));
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
