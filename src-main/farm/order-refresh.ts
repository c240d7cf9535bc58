import { GroupSync } from '../engine/group-sync.js';
import type { FarmQueue } from './farm-queue.js';
import type { RunOrder } from './run-order.js';

/**
 * Reads the farm's run order from BullMQ into a coordinator's copy (RunOrder): at start, after a
 * reload, after every move. Requests made while a read is under way share one read after it
 * (GroupSync), so the last read always starts after the last request.
 */
export class OrderRefresh {
  // A failed read is skipped: the next one mends it.
  readonly #reads = new GroupSync(() => this.#read().catch(() => undefined));

  constructor(
    private readonly queue: FarmQueue,
    private readonly order: RunOrder,
  ) {}

  /** Resolves once a read that started after this call is applied. */
  request(): Promise<void> {
    return this.#reads.sync();
  }

  async #read(): Promise<void> {
    // BullMQ's take order: its wait list, then the prioritized set. A BullMQ job id is `<jobId>.<seq>`.
    const ids = await this.queue.queue.getRanges(['wait', 'prioritized'], 0, -1, true);
    this.order.replace(ids.map((id) => id.slice(0, id.lastIndexOf('.'))));
  }
}
