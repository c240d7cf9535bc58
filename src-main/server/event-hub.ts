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
  readonly #ring: GlobalEntry[];
  readonly #size: number;
  readonly #listeners = new Set<HubListener>();
  #unsubscribe: (() => void) | undefined;

  constructor(engine: EngineApi, options: EventHubOptions = {}) {
    this.epoch = nextEpoch();
    this.#size = Math.max(1, options.replaySize ?? 4096);
    this.#ring = [];
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
    if (!Number.isSafeInteger(seq) || seq < 0 || seq > this.#seq) return undefined;
    const missed = this.#seq - seq;
    if (missed > this.#ring.length) return undefined;
    return this.#ring.slice(this.#ring.length - missed);
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
    const entry: GlobalEntry = { seq: ++this.#seq, event };
    this.#ring.push(entry);
    // Trim in chunks: shift() per event would be O(n) on every emit.
    if (this.#ring.length > this.#size * 2) this.#ring.splice(0, this.#ring.length - this.#size);
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
