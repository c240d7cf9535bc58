import type { IncomingMessage, ServerResponse } from 'node:http';
import { formatSseComment, formatSseFrame, SSE_HEADERS, SSE_RETRY_MS } from './sse-frame.js';

/** Options of one event-stream connection. */
export interface SseStreamOptions {
  /** Current ping interval in seconds; read at every tick so a settings change applies at once. */
  pingSeconds: () => number;
  /**
   * Bytes a client may have queued unread before it is dropped; it then recovers by replay.
   * @default 1 MiB
   */
  maxBufferedBytes?: number;
}

/**
 * One open `text/event-stream` response. Writes never wait on the client: a client that lets
 * more than `maxBufferedBytes` pile up is disconnected, so a slow reader can block neither the
 * engine nor other clients. Closing (by either side) runs every `onClose` callback once.
 */
export class SseStream {
  readonly #res: ServerResponse;
  readonly #maxBuffered: number;
  readonly #pingSeconds: () => number;
  readonly #closeCallbacks: Array<() => void> = [];
  #closed = false;
  #corked = false;
  #lastWriteAt = Date.now();
  #pingTimer: NodeJS.Timeout | undefined;
  /** True when the stream was cut because the client fell behind. */
  dropped = false;

  constructor(req: IncomingMessage, res: ServerResponse, options: SseStreamOptions) {
    this.#res = res;
    this.#maxBuffered = options.maxBufferedBytes ?? 1024 * 1024;
    this.#pingSeconds = options.pingSeconds;
    const onGone = () => this.#finish();
    res.on('close', onGone);
    req.on('close', () => {
      // The request body ends long before the stream does; only an aborted socket counts.
      if (req.socket.destroyed) onGone();
    });
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Sends the headers and the `retry:` line, and starts the idle ping. */
  open(): void {
    this.#res.writeHead(200, { ...SSE_HEADERS, 'X-Content-Type-Options': 'nosniff' });
    this.#res.flushHeaders();
    this.#write(formatSseFrame({ retry: SSE_RETRY_MS }));
    this.#schedulePing();
  }

  /**
   * Queues text without waiting. Returns false when the stream is closed or the client was
   * dropped for falling too far behind.
   */
  send(text: string | Buffer): boolean {
    if (this.#closed) return false;
    if (this.#res.writableLength > this.#maxBuffered) {
      this.dropped = true;
      this.destroy();
      return false;
    }
    this.#write(text);
    return true;
  }

  /** Queues text without the backlog check: for a bounded replay sent at the start. */
  sendReplay(text: string | Buffer): boolean {
    if (this.#closed) return false;
    this.#write(text);
    return true;
  }

  /** Writes text and, when the socket is full, waits for it to drain: for replaying long logs. */
  async sendPaced(text: string): Promise<boolean> {
    if (this.#closed) return false;
    if (this.#write(text)) return true;
    await new Promise<void>((resolve) => {
      const done = () => {
        this.#res.off('drain', done);
        this.#res.off('close', done);
        resolve();
      };
      this.#res.on('drain', done);
      this.#res.on('close', done);
    });
    return !this.#closed;
  }

  /** Registers cleanup to run once when the stream closes for any reason. */
  onClose(callback: () => void): void {
    if (this.#closed) callback();
    else this.#closeCallbacks.push(callback);
  }

  /** Ends the stream cleanly (the client sees the end and may reconnect). */
  end(): void {
    if (this.#closed) return;
    this.#res.end();
    this.#finish();
  }

  /** Cuts the connection at once. */
  destroy(): void {
    if (this.#closed) return;
    this.#res.destroy();
    this.#finish();
  }

  #write(text: string | Buffer): boolean {
    this.#lastWriteAt = Date.now();
    if (!this.#corked) {
      // Frames queued in the same tick (a commit's several events, a burst of jobs) leave in one
      // socket write instead of one each; uncorked before any I/O, so nothing waits.
      this.#corked = true;
      this.#res.cork();
      process.nextTick(() => {
        this.#corked = false;
        this.#res.uncork();
      });
    }
    return this.#res.write(text);
  }

  #schedulePing(): void {
    if (this.#closed) return;
    const intervalMs = Math.max(1, this.#pingSeconds()) * 1000;
    const dueIn = Math.max(0, this.#lastWriteAt + intervalMs - Date.now());
    this.#pingTimer = setTimeout(() => {
      if (Date.now() - this.#lastWriteAt >= intervalMs - 5) this.send(formatSseComment('ping'));
      this.#schedulePing();
    }, dueIn);
    this.#pingTimer.unref();
  }

  #finish(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#pingTimer);
    for (const callback of this.#closeCallbacks.splice(0)) {
      try {
        callback();
      } catch (error) {
        console.error('SSE close callback failed:', error);
      }
    }
  }
}
