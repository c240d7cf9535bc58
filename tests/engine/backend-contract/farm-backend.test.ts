import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { FarmKeys } from '../../../src-main/farm/farm-keys.js';
import { startRedis, type TestRedis } from '../../helpers/redis-server.js';
import { makeTempDir } from '../../helpers/temp-dir.js';
import { describeBackendContract } from './contract.js';
import { farmPlaceEnv, openFarmContractEngine } from './farm-engine-opener.js';

// One redis-server for the file (AOF on, as a studio runs it); each test has its own key prefix.
let server: TestRedis;
let redis: Redis;
beforeAll(async () => {
  server = await startRedis({ appendfsync: 'always' });
  redis = new Redis(server.port, '127.0.0.1');
}, 30_000);
afterAll(async () => {
  redis?.disconnect();
  await server?.stop();
});

let count = 0;
describeBackendContract('farm (Redis + BullMQ, a shared folder)', {
  create: () => {
    const data = makeTempDir('aura-contract-farm-data-');
    const shared = makeTempDir('aura-contract-farm-shared-');
    const place = { url: server.url, sharedDir: shared.dir, prefix: `contract${++count}` };
    const keys = new FarmKeys(place.prefix);
    return Promise.resolve({
      dataDir: data.dir,
      open: (options) => openFarmContractEngine(place, { ...options, dataDir: data.dir }),
      childEnv: farmPlaceEnv(place),
      corruptRecord: async (jobId) => {
        // Half a JSON value, as a torn or garbled write leaves it.
        const json = (await redis.hget(keys.job(jobId), 'record'))!;
        await redis.hset(keys.job(jobId), 'record', json.slice(0, Math.floor(json.length / 2)));
      },
      tearLastEvent: async (jobId) => {
        // A stream entry cannot be changed in place: write the stream again, its last entry cut in half.
        const stream = keys.jobEvents(jobId);
        const entries = await redis.xrange(stream, '-', '+');
        const multi = redis.multi().del(stream);
        entries.forEach(([id, fields], i) => {
          const event = fields[1]!;
          multi.xadd(stream, id, 'e', i === entries.length - 1 ? event.slice(0, event.length / 2) : event);
        });
        await multi.exec();
      },
      destroy: () => {
        data.cleanup();
        shared.cleanup();
        return Promise.resolve();
      },
    });
  },
});
