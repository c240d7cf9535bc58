import type { JobEvent } from '../../src-shared/events.js';
import type { EngineApi, EngineEvent } from '../engine/engine-api.js';

/** An engine event numbered in the global stream's scope. */
export interface GlobalEntry {
  /** Server-wide sequence number, from 1 at server start. */
  seq: number;
  event: EngineEvent;
}

export type HubListener = (entry: GlobalEntry) => void;

/** Options of the hub; defaults suit a desktop queue. */
export interface EventHubOptions {
  /**
   * How many recent events the global stream can replay to a reconnecting client.
   * @default 4096
   */
  replaySize?: number;
  /** The backend's own global order (a render farm), so ids survive restarts and other coordinators. */
  feed?: GlobalFeed;
}

/**
 * A backend whose events already carry a global order shared by every server in front of it
 * (a render farm's Redis stream). The hub then numbers events by it instead of by its own count.
 */
export interface GlobalFeed {
  /** The ts part of global ids: the same for every server of the backend, across restarts. */
  epoch: number;
  /** The event's place in the backend's global order (rising, gaps allowed). */
  seqOf(event: EngineEvent): number | undefined;
  /** The recent past at start-up: entries in order, and the seq they follow (nothing after it is missing). */
  backlog(): { after: number; entries: GlobalEntry[] };
}

/**
 * The server's one subscription to the engine, fanned out to every SSE connection. It numbers
 * events for the global stream and keeps the most recent ones for Last-Event-ID replay.
 * Listeners run synchronously in the engine's emit, so a snapshot taken next to `seq` is exact.
 */
export class EventHub {
  /** Unix ms of this server's start: the ts part of global ids, so ids from an earlier run are recognised. */
  readonly epoch: number;
  #seq = 0;
  /** The ring holds every entry with a seq above this one. */
  #base = 0;
  readonly #feed: GlobalFeed | undefined;
  readonly #ring: GlobalEntry[];
  readonly #size: number;
  readonly #listeners = new Set<HubListener>();
  #unsubscribe: (() => void) | undefined;

  constructor(engine: EngineApi, options: EventHubOptions = {}) {
    this.#feed = options.feed;
    this.epoch = this.#feed?.epoch ?? nextEpoch();
    this.#size = Math.max(1, options.replaySize ?? 4096);
    const backlog = this.#feed?.backlog() ?? { after: 0, entries: [] };
    this.#ring = [...backlog.entries];
    this.#base = backlog.after;
    this.#seq = this.#ring.at(-1)?.seq ?? backlog.after;
    this.#unsubscribe = engine.subscribe((event) => this.#dispatch(event));
  }

  /** The seq of the latest global event (0 before the first). */
  get seq(): number {
    return this.#seq;
  }

  /** Live listeners: must return to its baseline when clients disconnect. */
  get listenerCount(): number {
    return this.#listeners.size;
  }

  /** Adds a listener; returns its unsubscribe (idempotent). */
  subscribe(listener: HubListener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /**
   * Every buffered event after `seq`, in order; undefined when the buffer no longer reaches back
   * that far (or `seq` is from the future), in which case the client needs a snapshot.
   */
  since(seq: number): GlobalEntry[] | undefined {
    if (!Number.isSafeInteger(seq) || seq < this.#base || seq > this.#seq) return undefined;
    // Seqs rise (with gaps under a feed): find the first entry after `seq` from the end, where a reconnect looks.
    let start = this.#ring.length;
    while (start > 0 && this.#ring[start - 1]!.seq > seq) start--;
    return this.#ring.slice(start);
  }

  /**
   * A job's events after `afterSeq` from the buffer, when it provably holds every one emitted so
   * far (an event of the job at or before `afterSeq + 1` is still in it); else undefined, and the
   * caller reads the job's log. Saves the disk read for the common case: a recent reconnect.
   */
  jobEventsSince(jobId: string, afterSeq: number): JobEvent[] | undefined {
    let covered = false;
    const events: JobEvent[] = [];
    for (const { event } of this.#ring) {
      if (event.jobId !== jobId || event.type === 'job-deleted') continue;
      if (!covered) {
        if (event.seq > afterSeq + 1) return undefined;
        covered = true;
      }
      if (event.seq > afterSeq) events.push(event);
    }
    return covered ? events : undefined;
  }

  /** Stops listening to the engine and drops every listener. */
  close(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#listeners.clear();
  }

  #dispatch(event: EngineEvent): void {
    const fed = this.#feed?.seqOf(event);
    this.#seq = fed !== undefined ? Math.max(this.#seq, fed) : this.#seq + 1;
    const entry: GlobalEntry = { seq: fed ?? this.#seq, event };
    this.#ring.push(entry);
    // Trim in chunks: shift() per event would be O(n) on every emit.
    if (this.#ring.length > this.#size * 2) {
      const dropped = this.#ring.splice(0, this.#ring.length - this.#size);
      this.#base = dropped.at(-1)!.seq;
    }
    for (const listener of [...this.#listeners]) {
      try {
        listener(entry);
      } catch (error) {
        // One broken connection must not starve the others or the engine.
        console.error('SSE listener failed:', error);
      }
    }
  }
}

let lastEpoch = 0;
/** Strictly increasing per process, so two servers started in the same millisecond still differ. */
function nextEpoch(): number {
  lastEpoch = Math.max(Date.now(), lastEpoch + 1);
  return lastEpoch;
}
