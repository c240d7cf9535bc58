import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FarmKeys } from '../../src-main/farm/farm-keys.js';
import { listWorkers, WorkerHeartbeat } from '../../src-main/farm/worker-registry.js';
import { startRedis, type TestRedis } from '../helpers/redis-server.js';
import { waitUntil } from '../helpers/wait.js';

let server: TestRedis;
let redis: Redis;
const keys = new FarmKeys('reg');

beforeAll(async () => {
  server = await startRedis();
  redis = new Redis(server.port, '127.0.0.1');
}, 30_000);
afterAll(async () => {
  redis.disconnect();
  await server.stop();
});

/** HSETs redis-server has run so far. */
async function hsets(): Promise<number> {
  const m = /cmdstat_hset:calls=(\d+)/.exec(await redis.info('commandstats'));
  return Number(m?.[1] ?? 0);
}

describe('WorkerHeartbeat (real redis-server)', () => {
  it('writes changes of the running set that come close together once, with the latest set', async () => {
    const running: string[] = [];
    const heartbeat = new WorkerHeartbeat(redis, keys, { name: 'w1', concurrency: 1, running: () => [...running] });
    const before = await hsets();
    // A busy worker: a job ends and the next starts moments later, many times over.
    for (const id of ['a', 'b', 'c']) {
      running.splice(0, running.length, id);
      heartbeat.beatSoon();
      running.splice(0);
      heartbeat.beatSoon();
    }
    running.push('d');
    heartbeat.beatSoon();
    await waitUntil('the entry is written', async () => (await listWorkers(redis, keys))[0]?.running[0] === 'd');
    expect(await hsets()).toBe(before + 1);
    await heartbeat.stop();
    expect(await listWorkers(redis, keys)).toEqual([]);
  });
});
