import type { FarmQueue } from './farm-queue.js';
import type { RunOrder } from './run-order.js';

/**
 * Reads the farm's run order from BullMQ into a coordinator's copy (RunOrder): at start, after a
 * reload, after every move. Requests made while a read is under way share one read after it, so
 * the last read always starts after the last request.
 */
export class OrderRefresh {
  #running: Promise<void> | undefined;
  #again: Promise<void> | undefined;

  constructor(
    private readonly queue: FarmQueue,
    private readonly order: RunOrder,
  ) {}

  /** Resolves once a read that started after this call is applied (a failed read is skipped: the next one mends it). */
  request(): Promise<void> {
    if (!this.#running) {
      const done = () => {
        this.#running = undefined;
      };
      this.#running = this.#read().then(done, done);
      return this.#running;
    }
    const after = () => {
      this.#again = undefined;
      return this.request();
    };
    this.#again ??= this.#running.then(after, after);
    return this.#again;
  }

  async #read(): Promise<void> {
    // BullMQ's take order: its wait list, then the prioritized set. A BullMQ job id is `<jobId>.<seq>`.
    const ids = await this.queue.queue.getRanges(['wait', 'prioritized'], 0, -1, true);
    this.order.replace(ids.map((id) => id.slice(0, id.lastIndexOf('.'))));
  }
}
