import type { JobStatus } from '../../../src-shared/job.js';
import { selectOnline, useApp } from '../../store/selectors.js';
import {
  availableActions,
  cancelJob,
  deleteJob,
  editAndRenderAgain,
  openOutput,
  pauseJob,
  renderAgain,
  resumeJob,
} from './job-actions.js';

/**
 * The buttons a job offers in its state: Pause, Resume, Open output, Render again, Edit & render
 * again, Cancel, Delete. Everything that needs the server is disabled while the stream is down.
 */
export function JobActions(props: {
  job: { jobId: string; title: string; status: JobStatus; canResume: boolean; artifactCount: number };
}) {
  const { job } = props;
  const online = useApp(selectOnline);
  const can = availableActions(job);
  const off = !online;
  return (
    <div className="actions">
      {can.pause && (
        <button type="button" className="button" disabled={off} onClick={() => void pauseJob(job.jobId)}>
          Pause
        </button>
      )}
      {can.resume && (
        <button type="button" className="button" disabled={off} onClick={() => void resumeJob(job.jobId)}>
          Resume
        </button>
      )}
      {can.openOutput && (
        <button type="button" className="button button--primary" onClick={() => openOutput(job.jobId, job.title)}>
          Open output
        </button>
      )}
      {can.renderAgain && (
        <button type="button" className="button" disabled={off} onClick={() => void renderAgain(job.jobId)}>
          Render again
        </button>
      )}
      {can.renderAgain && (
        <button type="button" className="button" disabled={off} onClick={() => void editAndRenderAgain(job.jobId)}>
          Edit & render again
        </button>
      )}
      {can.cancel && (
        <button type="button" className="button button--danger" disabled={off} onClick={() => void cancelJob(job)}>
          Cancel
        </button>
      )}
      {can.delete && (
        <button type="button" className="button button--quiet" disabled={off} onClick={() => void deleteJob(job)}>
          Delete
        </button>
      )}
    </div>
  );
}
