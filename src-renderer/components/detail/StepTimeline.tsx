import type { JobStatus, StepState } from '../../../src-shared/job.js';
import { useNow } from '../../app/use-now.js';
import { formatPercent, formatShortDuration, secondsBetween, statusLabel } from '../../format/format.js';

/** A step's word: the step a paused job stopped in is "Paused" (the engine records it as pending again). */
export function stepLabel(step: StepState, jobStatus: JobStatus): string {
  if (jobStatus === 'paused' && step.status === 'pending' && step.startedAt !== null) return 'Paused';
  return statusLabel(step.status);
}

/** The job's steps in order, each with its status and how long it took (or has taken so far). */
export function StepTimeline({ steps, jobStatus }: { steps: readonly StepState[]; jobStatus: JobStatus }) {
  const now = useNow(steps.some((s) => s.status === 'running'));
  if (steps.length === 0) return <p className="muted">No steps have started yet.</p>;
  return (
    <ol className="timeline">
      {steps.map((step) => {
        const label = stepLabel(step, jobStatus);
        const seconds = label === 'Paused' ? null : secondsBetween(step.startedAt, step.endedAt, now);
        return (
          <li
            key={step.name}
            className={`timeline__step timeline__step--${label === 'Paused' ? 'paused' : step.status}`}
          >
            <span className="timeline__dot" aria-hidden="true" />
            <span className="timeline__name">{step.stage}</span>
            <span className="timeline__status">
              {label}
              {step.status === 'running' ? ` · ${formatPercent(step.progressPct)}` : ''}
            </span>
            <span className="timeline__time">{seconds === null ? '' : formatShortDuration(seconds)}</span>
          </li>
        );
      })}
    </ol>
  );
}
