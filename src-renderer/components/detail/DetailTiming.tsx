import type { Job } from '../../../src-shared/job.js';
import { useNow } from '../../app/use-now.js';
import { formatDuration, formatShortDuration } from '../../format/format.js';
import { workedSeconds } from '../queue/JobTiming.js';

/** Elapsed render time, time left and the step's own word ("Scene 3 of 8 done") for the detail header. */
export function DetailTiming(props: {
  job: Job;
  message: string | null;
  eta: { seconds: number; at: number } | null;
  live: boolean;
}) {
  const { job, message, eta, live } = props;
  const running = job.status === 'running';
  const now = useNow(running && live);
  const parts: string[] = [];
  if (running && !live) parts.push('Reconnecting…');
  else if (running) {
    parts.push(`${formatDuration(workedSeconds(job, now))} elapsed`);
    parts.push(eta ? `${formatDuration(Math.max(0, eta.seconds - (now - eta.at) / 1000))} left` : 'estimating…');
    if (message) parts.push(message);
  } else if (job.renderSeconds > 0) {
    parts.push(`${job.status === 'completed' ? 'Took' : 'Rendered for'} ${formatShortDuration(job.renderSeconds)}`);
  }
  if (parts.length === 0) return null;
  return (
    <p className="detail__timing" data-testid="detail-timing">
      {parts.join(' · ')}
    </p>
  );
}
