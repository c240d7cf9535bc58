import { api } from '../../api/client.js';
import { errorMessage } from '../../api/api-error.js';
import { setQueuePaused } from '../../store/app-store.js';
import { useApp } from '../../store/selectors.js';
import { notify } from '../../store/ui-store.js';

/** Stop or restart taking new jobs from the queue; running jobs carry on either way. */
export function QueueControls() {
  const paused = useApp((s) => s.queuePaused);
  const running = useApp((s) => s.queue.stats.running);
  const pending = useApp((s) => s.queue.stats.pending);

  async function act(pause: boolean) {
    try {
      if (pause) await api().pauseQueue();
      else await api().resumeQueue();
      setQueuePaused(pause);
      notify(pause ? 'The queue is paused: no new job will start.' : 'The queue is taking jobs again.');
    } catch (error) {
      notify(`Could not ${pause ? 'pause' : 'resume'} the queue: ${errorMessage(error)}`, 'error');
    }
  }

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
        <button type="button" className="button" onClick={() => void act(true)} aria-pressed={paused === true}>
          Pause queue
        </button>
        <button type="button" className="button" onClick={() => void act(false)} aria-pressed={paused === false}>
          Resume queue
        </button>
      </div>
    </section>
  );
}
