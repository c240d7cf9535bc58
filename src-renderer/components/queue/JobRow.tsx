import { memo } from 'react';
import { routeHref } from '../../app/route.js';
import { formatPercent } from '../../format/format.js';
import { useJob } from '../../store/selectors.js';
import { JobActions } from './JobActions.js';
import { JobTiming } from './JobTiming.js';
import { ProgressBar } from './ProgressBar.js';
import { StatusBadge } from './StatusBadge.js';
import { statusTone } from './status-tone.js';

/** What the stage line says: the stage, the step's own message, or why the job is waiting. */
function stageText(job: { status: string; stage: string | null; message: string | null; step: string | null }): string {
  if (job.status === 'pending') return 'Waiting in the queue';
  if (job.status === 'canceled') return 'Stopped before it finished';
  const stage = job.stage ?? (job.step ? job.step : '');
  if (job.status === 'running') return [stage, job.message].filter(Boolean).join(' · ') || 'Starting';
  if (job.status === 'paused') return stage ? `Paused at ${stage}` : 'Paused';
  if (job.status === 'failed') return stage ? `Failed at ${stage}` : 'Failed';
  return 'Done';
}

/**
 * One job in the queue: a listitem named by its title and status, with stage, progress,
 * timing and its actions. Reads only its own job, so a progress tick re-renders one row.
 */
export const JobRow = memo(function JobRow(props: { jobId: string; index: number; size: number; start: number }) {
  const job = useJob(props.jobId);
  if (!job) return null;
  const titleId = `job-${job.jobId}-title`;
  const statusId = `job-${job.jobId}-status`;
  return (
    <li
      className={`job-row job-row--${statusTone(job.status)}`}
      aria-labelledby={`${titleId} ${statusId}`}
      aria-setsize={props.size}
      aria-posinset={props.index + 1}
      data-job-id={job.jobId}
      style={{ transform: `translateY(${props.start}px)` }}
    >
      <div className="job-row__main">
        <div className="job-row__head">
          {/* elementtiming: lets bench:ui time when the first title is painted. */}
          <a
            className="job-row__title"
            id={titleId}
            href={routeHref({ view: 'job', jobId: job.jobId })}
            {...{ elementtiming: 'job-title' }}
          >
            {job.title}
          </a>
          <StatusBadge status={job.status} id={statusId} />
        </div>
        <div className="job-row__stage">{stageText(job)}</div>
        <div className="job-row__progress">
          <ProgressBar percent={job.percent} label={`Progress of ${job.title}`} tone={statusTone(job.status)} />
          <span className="job-row__pct">{formatPercent(job.percent)}</span>
          <JobTiming job={job} />
        </div>
      </div>
      <JobActions job={job} />
    </li>
  );
});
