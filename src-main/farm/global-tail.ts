import type { Redis } from 'ioredis';
import type { EngineEvent } from '../engine/engine-api.js';
import type { FarmIndex } from './farm-index.js';
import { parseGlobalEntries, type FarmStore } from './farm-store.js';

/**
 * Follows the farm's global stream on a connection of its own (XREAD BLOCK), feeding the index
 * and emitting each new event once. A gap (the stream trimmed past our cursor) or a seq that went
 * back (Redis restarted without its last writes) makes it reload every record instead.
 */
export class GlobalTail {
  #stopped = false;
  #loop: Promise<void> | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly store: FarmStore,
    private readonly index: FarmIndex,
    private readonly emit: (event: EngineEvent, gseq: number) => void,
  ) {}

  /** Loads every record, then follows the stream from there. */
  async start(): Promise<void> {
    await this.resync();
    this.#loop = this.#run();
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

  #applyOrResync(entries: ReturnType<typeof parseGlobalEntries>): boolean {
    const first = entries[0];
    if (first && first.gseq > this.index.cursor + 1) return false;
    for (const { event, gseq } of this.index.apply(entries)) this.emit(event, gseq);
    return true;
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
