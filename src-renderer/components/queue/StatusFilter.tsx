import { JOB_STATUSES } from '../../../src-shared/constants.js';
import { statusLabel } from '../../format/format.js';
import { setFilter, type StatusFilter as Filter } from '../../store/app-store.js';
import { useApp } from '../../store/selectors.js';

const FILTERS: readonly Filter[] = ['all', ...JOB_STATUSES];

/** The per-status counts (the server's `stats`), each a toggle that filters the list. */
export function StatusFilter() {
  const stats = useApp((s) => s.queue.stats);
  const filter = useApp((s) => s.filter);
  return (
    <div className="filters" role="group" aria-label="Filter by status">
      {FILTERS.map((f) => {
        const count = f === 'all' ? stats.total : stats[f];
        return (
          <button
            key={f}
            type="button"
            className="filter"
            aria-pressed={filter === f}
            onClick={() => setFilter(f)}
            data-status={f}
          >
            <span className="filter__label">{f === 'all' ? 'All' : statusLabel(f)}</span>
            <span className="filter__count">{count}</span>
          </button>
        );
      })}
    </div>
  );
}
