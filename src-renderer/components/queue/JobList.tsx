import { useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { selectVisibleIds } from '../../store/selectors.js';
import { useApp } from '../../store/selectors.js';
import { JobRow } from './JobRow.js';

/** Fixed row height: rows are laid out to fit it, which keeps 10,000 rows cheap to scroll. */
export const ROW_HEIGHT = 96;

/**
 * The queue, newest first, virtualized: only the rows in view (plus a few) are in the DOM, so
 * 10,000 jobs paint as fast as 10.
 */
export function JobList() {
  const ids = useApp(selectVisibleIds);
  const loaded = useApp((s) => s.queue.loaded);
  const filter = useApp((s) => s.filter);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: ids.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => ids[index] ?? index,
    overscan: 6,
    initialRect: { width: 900, height: 900 },
  });

  if (ids.length === 0) {
    return (
      <div className="empty" role="status">
        {!loaded
          ? 'Loading the queue…'
          : filter === 'all'
            ? 'No renders yet. Write a script and press Render.'
            : `No ${filter} jobs.`}
      </div>
    );
  }

  return (
    <div className="job-list" ref={scrollRef} tabIndex={-1}>
      <ul className="job-list__inner" aria-label="Render queue" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => (
          <JobRow key={item.key} jobId={ids[item.index]!} index={item.index} size={ids.length} start={item.start} />
        ))}
      </ul>
    </div>
  );
}
