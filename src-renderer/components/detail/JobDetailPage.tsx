import { useEffect } from 'react';
import { api } from '../../api/client.js';
import { routeHref } from '../../app/route.js';
import { formatPercent, formatTime } from '../../format/format.js';
import { followJob } from '../../sse/job-stream.js';
import { closeDetail, openDetail, useDetail } from '../../store/detail-store.js';
import { selectOnline, useApp } from '../../store/selectors.js';
import { JobActions } from '../queue/JobActions.js';
import { ProgressBar } from '../queue/ProgressBar.js';
import { StatusBadge } from '../queue/StatusBadge.js';
import { machineText } from '../queue/machine-text.js';
import { statusTone } from '../queue/status-tone.js';
import { DetailTiming } from './DetailTiming.js';
import { DiagnosisPanel } from './DiagnosisPanel.js';
import { ErrorPanel } from './ErrorPanel.js';
import { LogTail } from './LogTail.js';
import { OutputVideo } from './OutputVideo.js';
import { SceneThumbnails } from './SceneThumbnails.js';
import { SpecPanel } from './SpecPanel.js';
import { StepTimeline } from './StepTimeline.js';
import { WarningList } from './WarningList.js';

const NO_LINES: readonly string[] = [];

/** One job in full: timing, steps, scene previews, error, diagnosis, warnings, its files, what was asked for, log. */
export function JobDetailPage({ jobId }: { jobId: string }) {
  useEffect(() => {
    openDetail(jobId);
    const stop = followJob(api(), jobId);
    return () => {
      stop();
      closeDetail();
    };
  }, [jobId]);
  const job = useDetail((d) => d?.job ?? null);
  const log = useDetail((d) => d?.log ?? NO_LINES);
  const revision = useDetail((d) => d?.thumbRevision ?? 0);
  const loadError = useDetail((d) => d?.loadError ?? null);
  const message = useDetail((d) => d?.message ?? null);
  const eta = useDetail((d) => d?.eta ?? null);
  const live = useApp(selectOnline);
  // The queue knows when the job is deleted; the job's own stream does not say.
  const deleted = useApp((s) => s.queue.loaded && job !== null && !s.queue.jobs.has(jobId));

  return (
    <div className="detail">
      <nav aria-label="Breadcrumb" className="crumbs">
        <a href={routeHref({ view: 'queue' })}>← Queue</a>
      </nav>
      {loadError && (
        <p className="form-error" role="alert">
          {loadError}
        </p>
      )}
      {!job && !loadError && <p role="status">Loading the job…</p>}
      {job && deleted && <p role="status">This job was deleted.</p>}
      {job && !deleted && (
        <>
          <header className="card detail__head">
            <div className="detail__title">
              <h2>{job.title}</h2>
              <StatusBadge status={job.status} />
            </div>
            <p className="muted">
              Created {formatTime(job.createdAt)}
              {job.attempts > 1 ? ` · attempt ${job.attempts}` : ''}
              {job.machine && <span data-testid="detail-machine"> · {machineText(job.status, job.machine)}</span>}
            </p>
            <div className="detail__progress">
              <ProgressBar percent={job.progressPct} label={`Progress of ${job.title}`} tone={statusTone(job.status)} />
              <span>{formatPercent(job.progressPct)}</span>
              <span className="muted">{job.stage ?? ''}</span>
            </div>
            <DetailTiming job={job} message={message} eta={eta} live={live} />
            <JobActions job={job} />
          </header>
          <div className="detail__grid">
            <section className="panel" aria-labelledby="steps-heading">
              <h3 id="steps-heading">Steps</h3>
              <StepTimeline steps={job.steps} jobStatus={job.status} />
            </section>
            <section className="panel" aria-labelledby="scenes-heading">
              <h3 id="scenes-heading">Scenes</h3>
              <SceneThumbnails jobId={job.jobId} spec={job.spec} revision={revision} />
            </section>
          </div>
          {job.error && <ErrorPanel error={job.error} />}
          <DiagnosisPanel jobId={job.jobId} status={job.status} warningCount={job.warnings.length} />
          <WarningList warnings={job.warnings} />
          {job.artifacts.length > 0 && (
            <OutputVideo
              jobId={job.jobId}
              title={job.title}
              artifacts={job.artifacts}
              showPlayer={job.status === 'completed'}
            />
          )}
          <SpecPanel spec={job.spec} />
          <LogTail jobId={job.jobId} lines={log} />
        </>
      )}
    </div>
  );
}
