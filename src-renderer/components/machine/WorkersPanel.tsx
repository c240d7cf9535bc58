import { useEffect, useState } from 'react';
import type { WorkerInfo } from '../../../src-shared/queue.js';
import { api } from '../../api/client.js';
import { ApiError, errorMessage } from '../../api/api-error.js';
import { routeHref } from '../../app/route.js';
import { formatTime } from '../../format/format.js';
import { farmUnreachable } from '../../store/app-store.js';
import { selectFarm, useApp } from '../../store/selectors.js';

/** How often the list is read again while the Machine view is open (workers come and go; no event says so). */
const REFRESH_MS = 5000;

/**
 * The machines that render (GET /api/workers): this one alone, or every farm worker, kept fresh,
 * with the jobs each one is rendering. While the farm's Redis is away (503 FARM_UNAVAILABLE) it
 * says so instead of a list it cannot know, and reads again as soon as the farm is back.
 */
export function WorkersPanel() {
  const farm = useApp(selectFarm);
  const onFarm = Boolean(farm);
  const reachable = farm?.reachable !== false;
  const [workers, setWorkers] = useState<WorkerInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [farmDown, setFarmDown] = useState(false);
  useEffect(() => {
    let live = true;
    const load = () =>
      api()
        .workers()
        .then((w) => {
          if (!live) return;
          setWorkers(w);
          setError(null);
          setFarmDown(false);
        })
        .catch((e: unknown) => {
          if (!live) return;
          const down = e instanceof ApiError && e.code === 'FARM_UNAVAILABLE';
          if (down) farmUnreachable();
          setFarmDown(down);
          setError(down ? null : errorMessage(e));
        });
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
    // Read again at once when the farm comes back (or the engine turns out to be on one).
  }, [reachable, onFarm]);
  const down = farmDown || !reachable;
  return (
    <section className="card" aria-labelledby="workers-heading">
      <h2 id="workers-heading">Workers</h2>
      {down && (
        <p className="farm__state farm__state--down" data-testid="workers-farm-down">
          The farm’s Redis cannot be reached, so which machines are rendering is not known right now. This list comes
          back by itself when the farm does.
        </p>
      )}
      {error && <p className="form-error">Could not list the workers: {error}</p>}
      {!down && workers && workers.length === 0 && (
        <p className="muted">
          {onFarm
            ? 'No machine of the farm is rendering: start one with “aura worker”, or join the farm from its Machine view.'
            : 'This machine renders on its own: no farm workers are connected.'}
        </p>
      )}
      {!down && workers && workers.length > 0 && (
        <ul className="workers">
          {workers.map((w) => (
            <li key={`${w.host}-${w.pid}-${w.name}`} data-worker={w.name}>
              <strong>{w.name}</strong>{' '}
              <span className="muted">
                {w.host}, pid {w.pid}
              </span>
              <div className="muted">
                {w.running.length} of {w.concurrency} slots busy · seen {formatTime(w.lastSeenAt)}
              </div>
              {w.running.length > 0 && (
                <div className="worker__jobs">
                  Rendering{' '}
                  {w.running.map((id, i) => (
                    <span key={id}>
                      {i > 0 && ', '}
                      <JobLink jobId={id} />
                    </span>
                  ))}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** A running job by its title (from the queue), linked to its detail view. */
function JobLink({ jobId }: { jobId: string }) {
  const title = useApp((s) => s.queue.jobs.get(jobId)?.title);
  return <a href={routeHref({ view: 'job', jobId })}>{title ?? jobId}</a>;
}
