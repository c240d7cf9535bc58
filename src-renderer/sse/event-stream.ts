import { EVENT_TYPES } from '../../src-shared/events.js';
import type { StreamEvent } from '../store/stream-event.js';
import { createBatcher } from './batcher.js';
import { parseFrame } from './parse-frame.js';
import { parseSnapshotInSlices } from './snapshot-slices.js';

export type StreamStatus = 'open' | 'retrying' | 'closed';

/** Options of openEventStream. */
export interface EventStreamOptions {
  /** The stream's URL; given the last seen event id when we re-open it ourselves. */
  url(lastEventId: string | null): string;
  /** Parsed, schema-checked events, in arrival order, in batches (see createBatcher). */
  onEvents(events: StreamEvent[]): void;
  onStatus?(status: StreamStatus): void;
  /**
   * EventSource gave up for good (an HTTP error, or 204 after a job's last event). Resolve true
   * to open the stream again after a back-off, false to stay closed.
   * @default () => Promise.resolve(false)
   */
  shouldReopen?(): Promise<boolean>;
  /** @default globalThis.EventSource */
  EventSource?: typeof EventSource;
}

const BACKOFF_MS = [500, 1000, 2000, 4000, 8000];

/**
 * An EventSource with our rules on top: every frame parsed with the shared schema (bad frames are
 * logged and dropped; a big queue snapshot in slices, its first screenful at once), events
 * handed over in batches, and a re-open with `?lastEventId=` when the browser gives up (it retries
 * network errors itself, with the Last-Event-ID header).
 */
export function openEventStream(options: EventStreamOptions): { close(): void } {
  const ES = options.EventSource ?? globalThis.EventSource;
  const batcher = createBatcher(options.onEvents);
  let source: EventSource | null = null;
  let lastEventId: string | null = null;
  let closed = false;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;

  // While a snapshot is checked slice by slice, later frames wait here, so order is kept.
  let held: Array<[type: string, data: string, id: string]> | null = null;
  let cancelSnapshot: (() => void) | null = null;

  const handle = (type: string, data: string, id: string) => {
    if (held) {
      held.push([type, data, id]);
      return;
    }
    if (type === 'queue-snapshot') {
      // User Timing marks: DevTools (and whoever profiles start-up) see the snapshot's path.
      performance.mark('aura:snapshot-received');
      held = [];
      const release = () => {
        const waiting = held ?? [];
        held = null;
        cancelSnapshot = null;
        for (const [t, d, i] of waiting) handle(t, d, i);
      };
      cancelSnapshot = parseSnapshotInSlices(data, id || null, {
        first: (event) => batcher.push(event),
        done: (event) => {
          performance.mark('aura:snapshot-parsed');
          if (event.id) lastEventId = event.id;
          batcher.push(event);
          release();
        },
        fail: (reason) => {
          console.warn(`Aura: ignored an event (${reason}).`);
          release();
        },
      });
      return;
    }
    const result = parseFrame(type, data, id);
    if (!result.ok) {
      console.warn(`Aura: ignored an event (${result.reason}).`);
      return;
    }
    if (result.event.id) lastEventId = result.event.id;
    batcher.push(result.event);
  };
  const onFrame = (type: string) => (message: MessageEvent<string>) => handle(type, message.data, message.lastEventId);

  const open = () => {
    const es = new ES(options.url(lastEventId));
    source = es;
    for (const type of EVENT_TYPES) es.addEventListener(type, onFrame(type) as EventListener);
    es.onopen = () => {
      performance.mark('aura:stream-open');
      attempt = 0;
      options.onStatus?.('open');
    };
    es.onerror = () => {
      if (closed || source !== es) return;
      if (es.readyState !== ES.CLOSED) {
        options.onStatus?.('retrying');
        return;
      }
      es.close();
      source = null;
      options.onStatus?.('closed');
      void (options.shouldReopen?.() ?? Promise.resolve(false)).then((again) => {
        if (!again || closed) return;
        const delay = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)]!;
        attempt += 1;
        timer = setTimeout(() => {
          timer = null;
          if (!closed) open();
        }, delay);
      });
    };
  };

  open();
  return {
    close() {
      closed = true;
      cancelSnapshot?.();
      held = null;
      if (timer !== null) clearTimeout(timer);
      source?.close();
      source = null;
      batcher.cancel();
    },
  };
}
