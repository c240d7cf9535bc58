import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StepsFactory } from '../../src-main/engine/step.js';
import { createFarmEngine } from '../../src-main/farm/farm-engine.js';
import { FarmKeys } from '../../src-main/farm/farm-keys.js';
import { FarmStore } from '../../src-main/farm/farm-store.js';
import { parseFarmUrl } from '../../src-main/farm/farm-url.js';
import { FarmWorker } from '../../src-main/farm/farm-worker.js';
import { startRedis, type TestRedis } from '../helpers/redis-server.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { testSpec } from '../helpers/test-steps.js';
import { waitForStatus } from '../helpers/wait.js';

let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedis();
}, 30_000);
afterAll(() => redis.stop());

/** Steps that finish at once: what the farm's per-job overhead is measured with (bench:farm). */
const quickSteps: StepsFactory = () =>
  ['one', 'two', 'three'].map((name) => ({ name, stage: name, weight: 1, run: async () => undefined }));

describe('a farm worker writes a quick job in a few commits (real Redis)', () => {
  it('create, start, end: the steps share the end write, and the log stays whole and in order', async () => {
    const keys = new FarmKeys('writes');
    const data = makeTempDir('aura-farm-data-');
    const shared = makeTempDir('aura-farm-shared-');
    const url = parseFarmUrl(redis.url);
    const engine = await createFarmEngine({
      dataDir: data.dir,
      url,
      sharedDir: shared.dir,
      steps: quickSteps,
      render: false,
      keys,
    });
    const worker = await FarmWorker.start({ url, sharedDir: shared.dir, steps: quickSteps, keys, name: 'w1' });
    const conn = new Redis(redis.port, '127.0.0.1');
    try {
      const store = new FarmStore(conn, keys, () => 1000);
      const after = await store.globalSeq();
      const job = await engine.create(testSpec('quick'));
      await waitForStatus(engine, job.jobId, 'completed', 20_000);
      const entries = (await store.readGlobal(after)).filter((e) => e.event?.jobId === job.jobId);
      const writes = entries.filter((e) => e.record).map((e) => e.record!.status);
      expect(writes.slice(0, 2)).toEqual(['pending', 'running']);
      expect(writes.at(-1)).toBe('completed');
      // Three in all when the steps and the temp removal take less than NONE_HOLD_MS; a disk slow
      // enough to stretch them past it splits the step events once (six writes before the hold).
      expect(writes.length).toBeLessThanOrEqual(4);
      const events = await engine.readEvents(job.jobId, 0);
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
      expect(events.filter((e) => e.type === 'step-status').map((e) => e.data.status)).toEqual([
        'running',
        'succeeded',
        'running',
        'succeeded',
        'running',
        'succeeded',
      ]);
      expect(events.at(-1)?.type).toBe('job-completed');
    } finally {
      conn.disconnect();
      await worker.close();
      await engine.close();
      data.cleanup();
      shared.cleanup();
    }
  });
});
