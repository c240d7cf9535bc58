import { JobList } from './JobList.js';
import { StatusFilter } from './StatusFilter.js';

/** The queue: counts and filter on top, the jobs below. */
export function QueuePanel() {
  return (
    <section className="card queue-panel" aria-labelledby="queue-heading">
      <div className="queue-panel__head">
        <h2 id="queue-heading">Queue</h2>
        <StatusFilter />
      </div>
      <JobList />
    </section>
  );
}
