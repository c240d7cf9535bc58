import type { IncomingMessage, ServerResponse } from 'node:http';
import { SseStream, type SseStreamOptions } from './sse-stream.js';

/** Every open event stream of one server, so shutdown can end them and tests can count them. */
export class SseRegistry {
  readonly #streams = new Set<SseStream>();
  readonly #options: SseStreamOptions;
  /** Clients dropped for falling behind, since start. */
  droppedCount = 0;

  constructor(options: SseStreamOptions) {
    this.#options = options;
  }

  /** Open streams right now. */
  get size(): number {
    return this.#streams.size;
  }

  /** Wraps a hijacked response in a tracked stream (not yet opened). */
  create(req: IncomingMessage, res: ServerResponse): SseStream {
    const stream = new SseStream(req, res, this.#options);
    this.#streams.add(stream);
    stream.onClose(() => {
      this.#streams.delete(stream);
      if (stream.dropped) this.droppedCount += 1;
    });
    return stream;
  }

  /** Ends every stream: clients see a clean end of stream. */
  endAll(): void {
    for (const stream of [...this.#streams]) stream.end();
  }
}
