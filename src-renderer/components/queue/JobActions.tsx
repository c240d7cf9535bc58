import type { JobStatus } from '../../../src-shared/job.js';
import { availableActions, cancelJob, deleteJob, openOutput, pauseJob, resumeJob } from './job-actions.js';

/** The buttons a job offers in its state: Cancel, Pause, Resume, Delete, Open output. */
export function JobActions(props: {
  job: { jobId: string; title: string; status: JobStatus; canResume: boolean; artifactCount: number };
}) {
  const { job } = props;
  const can = availableActions(job);
  return (
    <div className="actions">
      {can.pause && (
        <button type="button" className="button" onClick={() => void pauseJob(job.jobId)}>
          Pause
        </button>
      )}
      {can.resume && (
        <button type="button" className="button" onClick={() => void resumeJob(job.jobId)}>
          Resume
        </button>
      )}
      {can.openOutput && (
        <button type="button" className="button button--primary" onClick={() => openOutput(job.jobId, job.title)}>
          Open output
        </button>
      )}
      {can.cancel && (
        <button type="button" className="button button--danger" onClick={() => void cancelJob(job)}>
          Cancel
        </button>
      )}
      {can.delete && (
        <button type="button" className="button button--quiet" onClick={() => void deleteJob(job)}>
          Delete
        </button>
      )}
    </div>
  );
}
