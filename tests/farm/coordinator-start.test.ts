import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { newJobRecord } from '../../src-main/engine/job-record.js';
import { newJobId } from '../../src-main/engine/job-id.js';
import { toQueueItem } from '../../src-main/engine/job-views.js';
import { FarmJournal } from '../../src-main/farm/farm-journal.js';
import { FarmKeys } from '../../src-main/farm/farm-keys.js';
import { FarmStore } from '../../src-main/farm/farm-store.js';
import { parseFarmUrl } from '../../src-main/farm/farm-url.js';
import { startHost } from '../../src-main/host.js';
import { startRedis } from '../helpers/redis-server.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { testSpec, testSteps } from '../helpers/test-steps.js';
import { SseRecorder } from '../server/harness.js';

/**
 * A coordinator that starts while another machine writes a job. Its replay buffer must be the
 * global stream without a hole: what it found at start, then every event its tail emitted since,
 * including those emitted while it loaded its records and before its server subscribed. (It had
 * a hole there, so a client that reconnected to a restarted coordinator by Last-Event-ID skipped
 * the events committed during its start-up, on the per-job and the global stream alike.)
 */
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const seqOf = (id: string) => Number(id.split('-')[1]);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('a coordinator starting while a job is written (real redis-server)', () => {
  it('replays every event after Last-Event-ID, none skipped, on the per-job and the global stream', async () => {
    const redis = await startRedis();
    const shared = makeTempDir('aura-farm-shared-');
    const data = makeTempDir('aura-farm-coord-');
    cleanups.push(() => redis.stop(), shared.cleanup, data.cleanup);

    // Another machine: the worker's own journal, committing a job's log lines one after another.
    const writerRedis = new Redis(redis.port, '127.0.0.1');
    cleanups.push(() => writerRedis.disconnect());
    const store = new FarmStore(writerRedis, new FarmKeys(), () => 10_000);
    const journal = new FarmJournal(store);
    const epoch = await store.epoch();
    const spec = testSpec('written elsewhere');
    const record = newJobRecord(newJobId(), spec, testSteps()(spec), new Date().toISOString());
    const jobId = record.jobId;
    await journal.create(record, [{ type: 'job-created', data: { job: toQueueItem(record, 1) } }]);
    // Fewer than the coordinator's backlog (4096): everything must come from its replay buffer.
    let stopAt = 3_000;
    const writer = (async () => {
      while (record.lastEventSeq < stopAt) {
        const message = `line ${record.lastEventSeq + 1}`;
        await journal.commit(record, [{ type: 'job-log', data: { jobId, level: 'info', message } }], 'record');
      }
    })();

    const host = await startHost({
      dataDir: data.dir,
      rendererDir: '/nonexistent',
      steps: testSteps(),
      farm: { url: parseFarmUrl(redis.url), sharedDir: shared.dir, render: false },
    });
    cleanups.push(() => host.close());
    // The start-up overlapped the writes; a few more once it is up, then the writer stops.
    expect(record.lastEventSeq).toBeLessThan(stopAt - 20);
    stopAt = record.lastEventSeq + 20;
    await writer;
    const last = record.lastEventSeq;

    // A client of an earlier coordinator that had seen the job's creation (seq 1, global seq 1).
    const perJob = new SseRecorder(`${host.url}/api/jobs/${jobId}/events?token=${host.token}`, {
      lastEventId: `${Date.now()}-1`,
    });
    const global = new SseRecorder(`${host.url}/api/events?token=${host.token}`, { lastEventId: `${epoch}-1` });
    cleanups.push(
      () => perJob.close(),
      () => global.close(),
    );
    await perJob.waitFor((es) => es.some((e) => seqOf(e.id) === last), `seq ${last} on the job's stream`, 30_000);
    await global.waitFor((es) => es.some((e) => seqOf(e.id) === last), `seq ${last} on the global stream`, 30_000);

    expect(perJob.events.map((e) => seqOf(e.id))).toEqual(range(2, last));
    expect(perJob.events.every((e) => e.type === 'job-log')).toBe(true);
    // One event per commit and one job: the global seqs are the job's seqs.
    expect(global.events.map((e) => e.type)).not.toContain('queue-snapshot');
    expect(global.events.map((e) => seqOf(e.id))).toEqual(range(2, last));
  }, 120_000);
});
