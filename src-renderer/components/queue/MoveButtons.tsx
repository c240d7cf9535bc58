import { appStore } from '../../store/app-store.js';
import { useApp } from '../../store/selectors.js';
import { moveJob } from './job-actions.js';

/** Keyboard (and pointer) reordering of a pending job: Move to top, Move up, Move down. */
export function MoveButtons(props: { jobId: string; title: string; position: number }) {
  const last = useApp((s) => s.queue.runOrder.length);
  const neighbour = (offset: number) => appStore.getState().queue.runOrder[props.position - 1 + offset];
  const first = props.position === 1;
  return (
    <div className="move" role="group" aria-label={`Place of ${props.title} in the queue`}>
      <button
        type="button"
        className="button button--icon"
        disabled={first}
        aria-label="Move to top"
        title="Move to top"
        onClick={() => void moveJob(props.jobId, { to: 'top' })}
      >
        ⤒
      </button>
      <button
        type="button"
        className="button button--icon"
        disabled={first}
        aria-label="Move up"
        title="Move up"
        onClick={() => {
          const above = neighbour(-1);
          if (above) void moveJob(props.jobId, { before: above });
        }}
      >
        ↑
      </button>
      <button
        type="button"
        className="button button--icon"
        disabled={props.position >= last}
        aria-label="Move down"
        title="Move down"
        onClick={() => {
          const below = neighbour(1);
          if (below) void moveJob(props.jobId, { after: below });
        }}
      >
        ↓
      </button>
    </div>
  );
}
