import { useNow } from '../../app/use-now.js';
import { formatDuration, formatShortDuration, secondsBetween } from '../../format/format.js';
import type { JobView } from '../../store/queue-state.js';

/** Elapsed time and time left for a running job, "estimating…" until the engine can say. */
export function JobTiming({ job }: { job: JobView }) {
  const running = job.status === 'running';
  const now = useNow(running);
  if (running) {
    const elapsed = secondsBetween(job.startedAt, null, now);
    const left =
      job.etaSeconds === null || job.etaAt === null ? null : Math.max(0, job.etaSeconds - (now - job.etaAt) / 1000);
    return (
      <span className="timing">
        {elapsed !== null && <span>{formatDuration(elapsed)} elapsed</span>}
        <span>{left === null ? 'estimating…' : `${formatDuration(left)} left`}</span>
      </span>
    );
  }
  if (job.status === 'completed') {
    const took = secondsBetween(job.startedAt, job.completedAt, now);
    return <span className="timing">{took !== null && <span>took {formatShortDuration(took)}</span>}</span>;
  }
  return null;
}
