import { api } from '../../api/client.js';
import { errorMessage } from '../../api/api-error.js';
import { setQueuePaused } from '../../store/app-store.js';
import { selectOnline, useApp } from '../../store/selectors.js';
import { notify } from '../../store/ui-store.js';

/** Pauses or resumes the queue (the banner and the Machine view); every client hears it as `queue-status`. */
export async function setQueueTaking(pause: boolean): Promise<void> {
  try {
    if (pause) await api().pauseQueue();
    else await api().resumeQueue();
    setQueuePaused(pause);
    notify(pause ? 'The queue is paused: no new job will start.' : 'The queue is taking jobs again.');
  } catch (error) {
    notify(`Could not ${pause ? 'pause' : 'resume'} the queue: ${errorMessage(error)}`, 'error');
  }
}

/** Says in the queue itself that it is paused, live from `queue-status`, with the way out. */
export function QueuePausedBanner() {
  const paused = useApp((s) => s.queuePaused === true);
  const online = useApp(selectOnline);
  if (!paused) return null;
  return (
    <div className="queue-paused" role="status" data-testid="queue-paused">
      <span>Queue paused: running jobs finish, new ones wait.</span>
      <button type="button" className="button" disabled={!online} onClick={() => void setQueueTaking(false)}>
        Resume queue
      </button>
    </div>
  );
}
