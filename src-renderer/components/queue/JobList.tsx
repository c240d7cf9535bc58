import { useEffect, useRef, useSyncExternalStore } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { selectVisibleIds } from '../../store/selectors.js';
import { useApp } from '../../store/selectors.js';
import { JobRow } from './JobRow.js';

/** Fixed row height: rows are laid out to fit it, which keeps 10,000 rows cheap to scroll. */
export const ROW_HEIGHT = 96;
/** At 900 px and narrower the actions wrap under the title (queue.css): a taller row. */
export const NARROW_ROW_HEIGHT = 132;
const NARROW = '(max-width: 900px)';

function subscribeNarrow(onChange: () => void): () => void {
  const query = window.matchMedia(NARROW);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}
const isNarrow = () => window.matchMedia(NARROW).matches;

/**
 * The queue in run order (running, paused, pending as they will run, then ended newest first), virtualized: only the rows in view (plus a few) are in the DOM, so
 * 10,000 jobs paint as fast as 10.
 */
export function JobList() {
  const ids = useApp(selectVisibleIds);
  const loaded = useApp((s) => s.queue.loaded);
  const filter = useApp((s) => s.filter);
  const scrollRef = useRef<HTMLDivElement>(null);
  const rowHeight = useSyncExternalStore(subscribeNarrow, isNarrow) ? NARROW_ROW_HEIGHT : ROW_HEIGHT;
  const virtualizer = useVirtualizer({
    count: ids.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    getItemKey: (index) => ids[index] ?? index,
    overscan: 6,
    initialRect: { width: 900, height: 900 },
  });

  useEffect(() => virtualizer.measure(), [rowHeight, virtualizer]);

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
          <JobRow
            key={item.key}
            jobId={ids[item.index]!}
            index={item.index}
            size={ids.length}
            start={item.start}
            height={rowHeight}
          />
        ))}
      </ul>
    </div>
  );
}
