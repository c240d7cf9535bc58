import { memo, type DragEvent, type MouseEvent } from 'react';
import { routeHref } from '../../app/route.js';
import { formatPercent } from '../../format/format.js';
import { toggleSelected } from '../../store/app-store.js';
import type { JobView } from '../../store/queue-state.js';
import { selectOnline, selectVisibleIds, useApp, useJob } from '../../store/selectors.js';
import { appStore } from '../../store/app-store.js';
import { JobActions } from './JobActions.js';
import { JobTiming } from './JobTiming.js';
import { machineText } from './machine-text.js';
import { MoveButtons } from './MoveButtons.js';
import { ProgressBar } from './ProgressBar.js';
import { StatusBadge } from './StatusBadge.js';
import { statusTone } from './status-tone.js';
import { dropMove, DRAG_TYPE } from './drag-move.js';

/** What the stage line says: the stage, the step's own message, or why the job is waiting. */
export function stageText(job: Pick<JobView, 'status' | 'stage' | 'message' | 'step'>, live: boolean): string {
  if (job.status === 'pending') return 'Waiting in the queue';
  if (job.status === 'canceled') return 'Stopped before it finished';
  const stage = job.stage ?? (job.step ? job.step : '');
  if (job.status === 'running') {
    if (!live) return 'Reconnecting…';
    return [stage, job.message].filter(Boolean).join(' · ') || 'Starting';
  }
  if (job.status === 'paused') return stage ? `Paused at ${stage}` : 'Paused';
  if (job.status === 'failed') return stage ? `Failed at ${stage}` : 'Failed';
  return 'Done';
}

/**
 * One job in the queue: a listitem named by its title and status, with its checkbox, place in
 * the queue, stage, progress, timing and actions. Reads only its own job, so a progress tick
 * re-renders one row. A pending row can be dragged onto another pending row to take its place.
 */
export const JobRow = memo(function JobRow(props: {
  jobId: string;
  index: number;
  size: number;
  start: number;
  height: number;
}) {
  const job = useJob(props.jobId);
  const live = useApp(selectOnline);
  const selected = useApp((s) => s.selected.has(props.jobId));
  const position = useApp((s) => s.queue.positions.get(props.jobId) ?? null);
  if (!job) return null;
  const titleId = `job-${job.jobId}-title`;
  const statusId = `job-${job.jobId}-status`;
  const movable = job.status === 'pending' && live;
  const onCheck = (e: MouseEvent<HTMLInputElement>) =>
    toggleSelected(job.jobId, selectVisibleIds(appStore.getState()), e.shiftKey);
  const dragProps = movable
    ? {
        draggable: true,
        onDragStart: (e: DragEvent<HTMLLIElement>) => {
          e.dataTransfer.setData(DRAG_TYPE, job.jobId);
          e.dataTransfer.effectAllowed = 'move';
        },
        onDragOver: (e: DragEvent<HTMLLIElement>) => {
          if (e.dataTransfer.types.includes(DRAG_TYPE)) e.preventDefault();
        },
        onDrop: (e: DragEvent<HTMLLIElement>) => {
          e.preventDefault();
          dropMove(e.dataTransfer.getData(DRAG_TYPE), job.jobId);
        },
      }
    : {};
  return (
    <li
      className={`job-row job-row--${statusTone(job.status)}${selected ? ' job-row--selected' : ''}`}
      aria-labelledby={`${titleId} ${statusId}`}
      aria-setsize={props.size}
      aria-posinset={props.index + 1}
      data-job-id={job.jobId}
      data-status={job.status}
      style={{ transform: `translateY(${props.start}px)`, height: props.height }}
      {...dragProps}
    >
      <input
        type="checkbox"
        className="job-row__check"
        checked={selected}
        onClick={onCheck}
        onChange={() => undefined}
        aria-label={`Select ${job.title}`}
      />
      <div className="job-row__main">
        <div className="job-row__head">
          {/* elementtiming: lets bench:ui time when the first title is painted. */}
          <a
            className="job-row__title"
            id={titleId}
            href={routeHref({ view: 'job', jobId: job.jobId })}
            title={job.title}
            {...{ elementtiming: 'job-title' }}
          >
            {job.title}
          </a>
          <StatusBadge status={job.status} id={statusId} />
          {position !== null && <span className="job-row__place">#{position} in queue</span>}
        </div>
        <div className="job-row__stage">
          {stageText(job, live)}
          {/* On a farm, which machine: at the end of the stage line, which asks for no width of its own. */}
          {job.machine && (
            <span className="job-row__machine" title={machineText(job.status, job.machine) ?? undefined}>
              {' '}
              · on {job.machine}
            </span>
          )}
        </div>
        <div className="job-row__progress">
          <ProgressBar percent={job.progressPct} label={`Progress of ${job.title}`} tone={statusTone(job.status)} />
          <span className="job-row__pct">{formatPercent(job.progressPct)}</span>
          <JobTiming job={job} live={live} />
        </div>
      </div>
      {movable && position !== null && <MoveButtons jobId={job.jobId} title={job.title} position={position} />}
      <JobActions job={job} />
    </li>
  );
});
