import { selectOnline, useApp } from '../../store/selectors.js';
import { setQueueTaking } from '../queue/QueuePausedBanner.js';

/** Stop or restart taking new jobs from the queue; running jobs carry on either way. */
export function QueueControls() {
  const paused = useApp((s) => s.queuePaused);
  const running = useApp((s) => s.queue.stats.running);
  const pending = useApp((s) => s.queue.stats.pending);

  const online = useApp(selectOnline);
  const act = (pause: boolean) => setQueueTaking(pause);

  return (
    <section className="card" aria-labelledby="queue-controls-heading">
      <h2 id="queue-controls-heading">Queue</h2>
      <p>
        {running} running, {pending} waiting.{' '}
        {paused === true
          ? 'New jobs are on hold.'
          : paused === false
            ? 'New jobs start as soon as a slot is free.'
            : ''}
      </p>
      <div className="actions">
        <button
          type="button"
          className="button"
          disabled={!online}
          onClick={() => void act(true)}
          aria-pressed={paused === true}
        >
          Pause queue
        </button>
        <button
          type="button"
          className="button"
          disabled={!online}
          onClick={() => void act(false)}
          aria-pressed={paused === false}
        >
          Resume queue
        </button>
      </div>
    </section>
  );
}
