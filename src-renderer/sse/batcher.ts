/**
 * Collects items and hands them over in batches: the first at once (next task), later ones at
 * most every `minIntervalMs`. At 200 events/s the store then changes 10 times a second instead
 * of 200, each change copies the queue's Map once, and React renders once per batch; the
 * progress bars' CSS transition keeps the motion smooth between batches.
 */
export function createBatcher<T>(
  flush: (items: T[]) => void,
  minIntervalMs = 100,
): { push(item: T): void; cancel(): void } {
  let items: T[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastFlush = -Infinity;

  const run = () => {
    timer = null;
    lastFlush = Date.now();
    const batch = items;
    items = [];
    if (batch.length > 0) flush(batch);
  };

  return {
    push(item: T) {
      items.push(item);
      if (timer !== null) return;
      timer = setTimeout(run, Math.max(0, lastFlush + minIntervalMs - Date.now()));
    },
    cancel() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      items = [];
    },
  };
}
