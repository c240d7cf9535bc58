import { useEffect, useState } from 'react';
import type { WorkerInfo } from '../../../src-shared/queue.js';
import { api } from '../../api/client.js';
import { errorMessage } from '../../api/api-error.js';
import { formatTime } from '../../format/format.js';

/** How often the list is read again while the Machine view is open (workers come and go; no event says so). */
const REFRESH_MS = 5000;

/** The machines that render (GET /api/workers): this one alone, or every farm worker, kept fresh. */
export function WorkersPanel() {
  const [workers, setWorkers] = useState<WorkerInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      api()
        .workers()
        .then((w) => {
          if (!live) return;
          setWorkers(w);
          setError(null);
        })
        .catch((e: unknown) => live && setError(errorMessage(e)));
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);
  return (
    <section className="card" aria-labelledby="workers-heading">
      <h2 id="workers-heading">Workers</h2>
      {error && <p className="form-error">Could not list the workers: {error}</p>}
      {workers && workers.length === 0 && (
        <p className="muted">This machine renders on its own: no farm workers are connected.</p>
      )}
      {workers && workers.length > 0 && (
        <ul className="workers">
          {workers.map((w) => (
            <li key={`${w.host}-${w.pid}-${w.name}`}>
              <strong>{w.name}</strong>{' '}
              <span className="muted">
                {w.host}, pid {w.pid}
              </span>
              <div className="muted">
                {w.running.length} of {w.concurrency} slots busy · seen {formatTime(w.lastSeenAt)}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
