/**
 * Collects items and hands them over once per animation frame (or after `maxDelayMs` when frames
 * are not running, as in a hidden window). At 200 events/s the store then changes ~60 times a
 * second instead of 200, and React renders each frame once.
 */
export function createBatcher<T>(
  flush: (items: T[]) => void,
  maxDelayMs = 50,
): { push(item: T): void; cancel(): void } {
  let items: T[] = [];
  let frame: number | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const run = () => {
    if (frame !== null && typeof cancelAnimationFrame === 'function') cancelAnimationFrame(frame);
    if (timer !== null) clearTimeout(timer);
    frame = null;
    timer = null;
    const batch = items;
    items = [];
    if (batch.length > 0) flush(batch);
  };

  return {
    push(item: T) {
      items.push(item);
      if (timer !== null) return;
      timer = setTimeout(run, maxDelayMs);
      if (typeof requestAnimationFrame === 'function') frame = requestAnimationFrame(run);
    },
    cancel() {
      if (frame !== null && typeof cancelAnimationFrame === 'function') cancelAnimationFrame(frame);
      if (timer !== null) clearTimeout(timer);
      frame = null;
      timer = null;
      items = [];
    },
  };
}
