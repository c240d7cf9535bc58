import { JobList } from './JobList.js';
import { BulkBar, FinishEstimate } from './QueueHeader.js';
import { QueuePausedBanner } from './QueuePausedBanner.js';
import { StatusFilter } from './StatusFilter.js';

/** The queue: counts, filter, estimate and bulk actions on top, the jobs below. */
export function QueuePanel() {
  return (
    <section className="card queue-panel" aria-labelledby="queue-heading">
      <div className="queue-panel__head">
        <h2 id="queue-heading">Queue</h2>
        <StatusFilter />
      </div>
      <div className="queue-panel__bar">
        <FinishEstimate />
        <BulkBar />
      </div>
      <QueuePausedBanner />
      <JobList />
    </section>
  );
}
