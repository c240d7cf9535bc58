import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { api } from '../../api/client.js';
import { useNow } from '../../app/use-now.js';
import { setConcurrency } from '../../store/app-store.js';
import { queueFinishesAt } from '../../store/queue-estimate.js';
import { selectOnline, useApp } from '../../store/selectors.js';
import { actOnSelected, clearFinished } from './bulk-actions.js';
import { availableActions } from './job-actions.js';

/** "The queue finishes at about 14:32", "estimating…" until a finished job has measured this machine. */
export function FinishEstimate() {
  const online = useApp(selectOnline);
  const busy = useApp((s) => s.queue.stats.running + s.queue.stats.pending > 0);
  const now = useNow(busy && online);
  const at = useApp((s) => (busy ? queueFinishesAt(s.queue, s.concurrency, now) : 0));
  useEffect(() => {
    api()
      .settings()
      .then((s) => setConcurrency(s.concurrency))
      .catch(() => undefined);
  }, []);
  if (!busy) return null;
  // A round minute: the estimate is not worth more, and it stops the text from ticking.
  const text =
    at === null
      ? 'Queue finish time: estimating…'
      : `The queue finishes at about ${new Date(Math.ceil(at / 60_000) * 60_000).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`;
  return (
    <p className="queue-estimate" data-testid="queue-estimate">
      {online ? text : 'Queue finish time: waiting for the engine…'}
    </p>
  );
}

/** Bulk actions: on the selected jobs, and "Clear finished". */
export function BulkBar() {
  const online = useApp(selectOnline);
  const selected = useApp((s) => s.selected);
  const { cancel, del } = useApp(
    useShallow((s) => {
      let cancel = 0;
      let del = 0;
      for (const id of s.selected) {
        const job = s.queue.jobs.get(id);
        if (!job) continue;
        const can = availableActions(job);
        if (can.cancel) cancel++;
        if (can.delete) del++;
      }
      return { cancel, del };
    }),
  );
  const finished = useApp((s) => s.queue.stats.completed + s.queue.stats.canceled);
  return (
    <div className="bulk" role="group" aria-label="Several jobs">
      {selected.size > 0 && <span className="bulk__count">{selected.size} selected</span>}
      {selected.size > 0 && (
        <>
          <button
            type="button"
            className="button button--danger"
            disabled={!online || cancel === 0}
            onClick={() => void actOnSelected('cancel')}
          >
            Cancel selected{cancel > 0 ? ` (${cancel})` : ''}
          </button>
          <button
            type="button"
            className="button"
            disabled={!online || del === 0}
            onClick={() => void actOnSelected('delete')}
          >
            Delete selected{del > 0 ? ` (${del})` : ''}
          </button>
        </>
      )}
      <button
        type="button"
        className="button button--quiet"
        disabled={!online || finished === 0}
        onClick={() => void clearFinished()}
      >
        Clear finished
      </button>
    </div>
  );
}
