import { useNow } from '../../app/use-now.js';
import { formatDuration, formatShortDuration } from '../../format/format.js';
import type { JobView } from '../../store/queue-state.js';

/** Seconds of render work so far: what the engine recorded plus the running step's time (from its start, as recorded). */
export function workedSeconds(job: Pick<JobView, 'renderSeconds' | 'activeSince'>, now: number): number {
  const since = job.activeSince ? Date.parse(job.activeSince) : Number.NaN;
  return job.renderSeconds + (Number.isNaN(since) ? 0 : Math.max(0, (now - since) / 1000));
}

/**
 * Elapsed render time and time left for a running job ("estimating…" until the engine can say),
 * "Took 29 s" (render time, not the wall clock across pauses and restarts) for a finished one.
 * While the stream is down (`live` false) the clocks stop: they would be guessing.
 */
export function JobTiming({ job, live }: { job: JobView; live: boolean }) {
  const running = job.status === 'running';
  const now = useNow(running && live);
  if (running) {
    if (!live) return <span className="timing">clock stopped</span>;
    const left =
      job.etaSeconds === null || job.etaAt === null ? null : Math.max(0, job.etaSeconds - (now - job.etaAt) / 1000);
    return (
      <span className="timing">
        <span>{formatDuration(workedSeconds(job, now))} elapsed</span>
        <span>{left === null ? 'estimating…' : `${formatDuration(left)} left`}</span>
      </span>
    );
  }
  if (job.status === 'completed' && job.renderSeconds > 0) {
    return (
      <span className="timing">
        <span>Took {formatShortDuration(job.renderSeconds)}</span>
      </span>
    );
  }
  return null;
}
