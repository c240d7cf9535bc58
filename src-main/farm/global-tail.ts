import type { Redis } from 'ioredis';
import type { EngineEvent } from '../engine/engine-api.js';
import type { FarmIndex } from './farm-index.js';
import { parseGlobalEntries, type FarmStore, type GlobalEntry } from './farm-store.js';

/** An event the tail emitted (or found in the stream's recent past at start), with its farm-wide seq. */
export interface TailEntry {
  event: EngineEvent;
  gseq: number;
}

/** The recent past of the global stream as this coordinator has it: the entries, and the seq they follow. */
export interface TailRecent {
  after: number;
  entries: TailEntry[];
}

/** The event a global entry carries for a server (a deletion becomes `job-deleted`); undefined for a record-only entry. */
function eventOf(entry: GlobalEntry): EngineEvent | undefined {
  const jobId = entry.deletedJobId;
  if (jobId !== undefined) return { seq: 0, ts: Date.now(), jobId, type: 'job-deleted', data: { jobId } };
  return entry.event;
}

/**
 * Follows the farm's global stream on a connection of its own (XREAD BLOCK), feeding the index
 * and emitting each new event once. A gap (the stream trimmed past our cursor) or a seq that went
 * back (Redis restarted without its last writes) makes it reload every record instead.
 *
 * It also keeps the stream's recent past (`recent`): what it found at start, then every event it
 * emitted, with no hole between the two, so a server that subscribes later (its replay buffer)
 * starts from it and misses nothing the tail emitted before it was listening.
 */
export class GlobalTail {
  #stopped = false;
  #loop: Promise<void> | undefined;
  #recent: TailEntry[] = [];
  #recentAfter = 0;

  /** @param keep how many recent entries `recent` holds (at least) */
  constructor(
    private readonly redis: Redis,
    private readonly store: FarmStore,
    private readonly index: FarmIndex,
    private readonly emit: (event: EngineEvent, gseq: number) => void,
    private readonly keep = 4096,
  ) {}

  /**
   * Reads the stream's last entries, then every record, then follows the stream from right after
   * those entries: everything written meanwhile is applied again (records idempotently) and
   * emitted, so `recent` and the emitted events together are the stream without a hole.
   */
  async start(): Promise<void> {
    const { after, entries } = await this.store.recentGlobal(this.keep);
    this.#recentAfter = after;
    this.#recent = entries.flatMap((e) => {
      const event = eventOf(e);
      return event ? [{ event, gseq: e.gseq }] : [];
    });
    this.index.reset(await this.store.loadAll(), entries.at(-1)?.gseq ?? after);
    this.#loop = this.#run();
  }

  /** The recent past: entries in order (farm-wide seqs rising, gaps allowed) and the seq they follow. */
  recent(): TailRecent {
    return { after: this.#recentAfter, entries: [...this.#recent] };
  }

  /** Reloads the index from Redis: the seq is read first, so entries written meanwhile are applied again (idempotently). */
  async resync(): Promise<void> {
    const cursor = await this.store.globalSeq();
    this.index.reset(await this.store.loadAll(), cursor);
  }

  /** Applies what is in the stream now (tests and writers that want their own change seen at once). */
  async catchUp(): Promise<void> {
    for (;;) {
      const entries = await this.store.readGlobal(this.index.cursor);
      if (entries.length === 0) return;
      this.#applyOrResync(entries);
    }
  }

  #applyOrResync(entries: GlobalEntry[]): boolean {
    const first = entries[0];
    if (first && first.gseq > this.index.cursor + 1) return false;
    for (const { event, gseq } of this.index.apply(entries)) {
      this.#remember({ event, gseq });
      this.emit(event, gseq);
    }
    return true;
  }

  #remember(entry: TailEntry): void {
    this.#recent.push(entry);
    // Trimmed in chunks: shift() per event would be O(n) on every one.
    if (this.#recent.length > this.keep * 2) {
      const dropped = this.#recent.splice(0, this.#recent.length - this.keep);
      this.#recentAfter = dropped.at(-1)!.gseq;
    }
  }

  async #run(): Promise<void> {
    const key = this.store.keys.globalEvents;
    while (!this.#stopped) {
      try {
        const reply = await this.redis.xread('COUNT', 1000, 'BLOCK', 1000, 'STREAMS', key, `${this.index.cursor}-0`);
        if (this.#stopped) return;
        const entries = reply?.[0] ? parseGlobalEntries(reply[0][1]) : [];
        if (entries.length > 0) {
          if (!this.#applyOrResync(entries)) await this.resync();
        } else if ((await this.store.globalSeq()) < this.index.cursor) {
          await this.resync();
        }
      } catch {
        if (this.#stopped) return;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.redis.disconnect();
    await this.#loop;
  }
}
