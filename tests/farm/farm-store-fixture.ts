import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { FarmKeys } from '../../src-main/farm/farm-keys.js';
import { FarmStore } from '../../src-main/farm/farm-store.js';
import { startRedis, type TestRedis } from '../helpers/redis-server.js';

/** What a store-level farm test gets: its own redis-server for the file, a connection and a FarmStore on `prefix`. */
export interface FarmStoreFixture {
  readonly server: TestRedis;
  readonly redis: Redis;
  readonly store: FarmStore;
}

/** Starts a real redis-server before the file's tests (event retention 1,000) and stops it after. */
export function useFarmStore(prefix: string): FarmStoreFixture {
  const fixture = {} as { server: TestRedis; redis: Redis; store: FarmStore };
  beforeAll(async () => {
    fixture.server = await startRedis();
    fixture.redis = new Redis(fixture.server.port, '127.0.0.1');
    fixture.store = new FarmStore(fixture.redis, new FarmKeys(prefix), () => 1000);
  }, 30_000);
  afterAll(async () => {
    fixture.redis.disconnect();
    await fixture.server.stop();
  });
  return fixture;
}
