import type { StepState } from '../../../src-shared/job.js';
import { useNow } from '../../app/use-now.js';
import { formatPercent, formatShortDuration, secondsBetween, statusLabel } from '../../format/format.js';

/** The job's steps in order, each with its status and how long it took (or has taken so far). */
export function StepTimeline({ steps }: { steps: readonly StepState[] }) {
  const now = useNow(steps.some((s) => s.status === 'running'));
  if (steps.length === 0) return <p className="muted">No steps have started yet.</p>;
  return (
    <ol className="timeline">
      {steps.map((step) => {
        const seconds = secondsBetween(step.startedAt, step.endedAt, now);
        return (
          <li key={step.name} className={`timeline__step timeline__step--${step.status}`}>
            <span className="timeline__dot" aria-hidden="true" />
            <span className="timeline__name">{step.stage}</span>
            <span className="timeline__status">
              {statusLabel(step.status)}
              {step.status === 'running' ? ` · ${formatPercent(step.progressPct)}` : ''}
            </span>
            <span className="timeline__time">{seconds === null ? '' : formatShortDuration(seconds)}</span>
          </li>
        );
      })}
    </ol>
  );
}
