import { Redis, type RedisOptions } from 'ioredis';
import { EngineError } from '../engine/errors.js';
import type { FarmUrl } from './farm-url.js';

/** Reconnect backoff: 50 ms doubling to 2 s, forever (a farm waits for its Redis, it does not give up). */
export function reconnectDelayMs(attempt: number): number {
  return Math.min(2000, 50 * 2 ** Math.min(attempt, 6));
}

/** ioredis options every farm connection shares; BullMQ needs `maxRetriesPerRequest: null`. */
export function farmRedisOptions(url: FarmUrl, name: string): RedisOptions {
  return {
    ...url.options,
    connectionName: name,
    maxRetriesPerRequest: null,
    retryStrategy: reconnectDelayMs,
    // Commands issued while Redis is away wait in ioredis' queue and run when it returns: nothing is lost.
    enableOfflineQueue: true,
  };
}

/** A Redis connection that knows whether the farm is reachable right now. */
export class FarmLink {
  readonly redis: Redis;
  #up = false;
  #upWaiters: Array<() => void> = [];

  constructor(
    readonly url: FarmUrl,
    name: string,
  ) {
    this.redis = new Redis(farmRedisOptions(url, name));
    this.redis.on('ready', () => {
      this.#up = true;
      for (const wake of this.#upWaiters.splice(0)) wake();
    });
    const down = () => {
      this.#up = false;
    };
    this.redis.on('close', down);
    this.redis.on('end', down);
    // Without a listener ioredis prints every failed reconnect; the state is what matters.
    this.redis.on('error', () => undefined);
  }

  /** Whether the last connection attempt succeeded and has not closed since. */
  get up(): boolean {
    return this.#up;
  }

  /** Resolves once connected; rejects with FARM_UNAVAILABLE after `timeoutMs`. */
  waitUntilUp(timeoutMs: number): Promise<void> {
    if (this.#up) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#upWaiters = this.#upWaiters.filter((w) => w !== wake);
        reject(unavailable(this.url));
      }, timeoutMs);
      const wake = () => {
        clearTimeout(timer);
        resolve();
      };
      this.#upWaiters.push(wake);
    });
  }

  /** Throws FARM_UNAVAILABLE at once while Redis is away, so an API call answers 503 instead of hanging. */
  assertUp(): void {
    if (!this.#up) throw unavailable(this.url);
  }

  /** Runs a Redis call for the API: refused while the farm is down, and its connection errors mapped. */
  async call<T>(task: (redis: Redis) => Promise<T>): Promise<T> {
    this.assertUp();
    try {
      return await task(this.redis);
    } catch (error) {
      throw toFarmError(error, this.url);
    }
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** The one refusal the API gives while Redis cannot be reached (503 on the wire). */
export function unavailable(url: FarmUrl): EngineError {
  return new EngineError(
    'FARM_UNAVAILABLE',
    `The render farm's Redis at ${url.display} cannot be reached; jobs resume when it is back.`,
  );
}

const CONNECTION_ERRORS =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|EPIPE|Connection is closed|Stream isn't writeable/;

/** Connection failures become FARM_UNAVAILABLE; EngineErrors pass through; anything else is a bug (INTERNAL). */
export function toFarmError(error: unknown, url: FarmUrl): Error {
  if (error instanceof EngineError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as NodeJS.ErrnoException | null)?.code ?? '';
  if (CONNECTION_ERRORS.test(message) || CONNECTION_ERRORS.test(code)) return unavailable(url);
  return error instanceof Error ? error : new Error(message);
}
