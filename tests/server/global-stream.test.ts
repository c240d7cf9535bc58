import { afterEach, describe, expect, it } from 'vitest';
import { QueueResponseSchema, type JobStatus } from '../../src-shared/job.js';
import { EVENT_DATA_SCHEMAS, parseEventId } from '../../src-shared/events.js';
import { testSpec, testSteps } from '../helpers/test-steps.js';
import { waitForStatus, waitUntil } from '../helpers/wait.js';
import { idsAndTypes, postJson, SseRecorder, startTestHost, type Received, type TestHost } from './harness.js';

/** What a queue view knows: job id → status, built only from the global stream. */
function reduceQueue(events: Received[]): Map<string, JobStatus> {
  const state = new Map<string, JobStatus>();
  for (const e of events) {
    if (e.type === 'queue-snapshot') {
      state.clear();
      for (const job of EVENT_DATA_SCHEMAS['queue-snapshot'].parse(e.data).jobs) state.set(job.jobId, job.status);
    } else if (e.type === 'job-created') {
      const { job } = EVENT_DATA_SCHEMAS['job-created'].parse(e.data);
      state.set(job.jobId, job.status);
    } else if (e.type === 'job-status') {
      const data = EVENT_DATA_SCHEMAS['job-status'].parse(e.data);
      state.set(data.jobId, data.status);
    } else if (e.type === 'job-deleted') {
      state.delete(EVENT_DATA_SCHEMAS['job-deleted'].parse(e.data).jobId);
    }
  }
  return state;
}

async function trueQueue(t: TestHost): Promise<Map<string, JobStatus>> {
  const { jobs } = QueueResponseSchema.parse(await t.json('/api/queue?limit=200'));
  return new Map(jobs.map((j) => [j.jobId, j.status]));
}

const steps = testSteps((spec) => (spec.title.startsWith('slow') ? { unitMs: 10_000 } : { units: 2 }));

describe('global event stream', () => {
  const hosts: TestHost[] = [];
  const clients: SseRecorder[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    for (const h of hosts.splice(0).reverse()) await h.cleanup();
  });
  const open = (t: TestHost, lastEventId?: string) => {
    const client = new SseRecorder(
      `${t.host.url}/api/events?token=${t.host.token}`,
      lastEventId ? { lastEventId } : {},
    );
    clients.push(client);
    return client;
  };
  const createJob = async (t: TestHost, title: string) =>
    ((await (await postJson(t, '/api/render', testSpec(title))).json()) as { jobId: string }).jobId;

  it("opens with a queue-snapshot, then every job's live events, job-deleted included", async () => {
    const t = await startTestHost({ steps });
    hosts.push(t);
    const before = await createJob(t, 'before');
    await waitForStatus(t.host.engine, before, 'completed');
    const client = open(t);
    await client.waitFor((e) => e.length >= 2, 'the snapshot and the queue status');
    expect(client.events[0]?.type).toBe('queue-snapshot');
    // Then the queue's own state, under the same id (a reconnect from it misses nothing).
    expect(client.events[1]).toMatchObject({ type: 'queue-status', id: client.events[0]!.id });
    expect(client.events[1]?.data).toEqual({
      queuePaused: false,
      running: expect.any(Number),
      pending: expect.any(Number),
    });
    expect(reduceQueue(client.events)).toEqual(await trueQueue(t));

    const a = await createJob(t, 'a');
    const b = await createJob(t, 'b');
    await waitForStatus(t.host.engine, b, 'completed');
    expect((await t.api(`/api/jobs/${a}`, { method: 'DELETE' })).status).toBe(204);
    await client.waitFor((e) => e.some((x) => x.type === 'job-deleted' && x.data.jobId === a), 'job-deleted');
    const jobIdOf = (e: Received) => String(e.data.jobId ?? (e.data.job as { jobId?: string } | undefined)?.jobId);
    const types = new Set(client.events.map((e) => `${jobIdOf(e)}:${e.type}`));
    for (const id of [a, b])
      for (const type of ['job-created', 'job-status', 'step-progress', 'job-completed']) {
        expect(types.has(`${id}:${type}`)).toBe(true);
      }
    // Server-wide seq: +1 per event, in one epoch.
    const ids = client.events.map((e) => parseEventId(e.id)!);
    expect(new Set(ids.map((i) => i.ts)).size).toBe(1);
    for (let i = 2; i < ids.length; i++) expect(ids[i]!.seq).toBe(ids[i - 1]!.seq + 1);
    expect(reduceQueue(client.events)).toEqual(await trueQueue(t));
  });

  it('a reconnect within the buffer gets exactly the missed events, no snapshot', async () => {
    const t = await startTestHost({ steps });
    hosts.push(t);
    const witness = open(t);
    const first = open(t);
    await first.waitFor((e) => e.length >= 1, 'the snapshot');
    const job1 = await createJob(t, 'one');
    await first.waitFor((e) => e.some((x) => x.type === 'job-created'), 'job-created');
    first.close();
    const lastId = first.events[first.events.length - 1]!.id;
    await waitForStatus(t.host.engine, job1, 'completed');
    const job2 = await createJob(t, 'two');
    await waitForStatus(t.host.engine, job2, 'completed');
    await witness.waitFor(
      (e) => e.some((x) => x.type === 'job-completed' && x.data.jobId === job2),
      'witness complete',
    );

    const second = open(t, lastId);
    await second.waitFor((e) => e.some((x) => x.type === 'job-completed' && x.data.jobId === job2), 'replay complete');
    expect(second.events.some((e) => e.type === 'queue-snapshot')).toBe(false);
    const afterFirstSnapshot = witness.events.slice(1);
    expect(idsAndTypes([...first.events.slice(1), ...second.events])).toEqual(idsAndTypes(afterFirstSnapshot));
  });

  it('an id older than the buffer, or not one of ours, gets a snapshot', async () => {
    const t = await startTestHost({ steps, sse: { replaySize: 3 } });
    hosts.push(t);
    const first = open(t);
    await first.waitFor((e) => e.length >= 1, 'the snapshot');
    const old = first.events[0]!.id;
    const job = await createJob(t, 'many events');
    await waitForStatus(t.host.engine, job, 'completed');
    await first.waitFor((e) => e.some((x) => x.type === 'job-completed'), 'job-completed');
    for (const id of [old, '1-1', 'garbage', `${parseEventId(old)!.ts}-999999`]) {
      const client = open(t, id);
      await client.waitFor((e) => e.length >= 1, 'first event');
      expect(client.events[0]?.type).toBe('queue-snapshot');
      expect(reduceQueue(client.events)).toEqual(await trueQueue(t));
      client.close();
    }
  });

  it('converges on the true state after a server restart', async () => {
    const first = await startTestHost({ steps });
    hosts.push(first);
    const dataDir = first.dataDir;
    const client = open(first);
    const done = await createJob(first, 'done');
    await waitForStatus(first.host.engine, done, 'completed');
    const slow = await createJob(first, 'slow one');
    await waitForStatus(first.host.engine, slow, 'running');
    await client.waitFor(
      (e) => e.some((x) => x.type === 'job-status' && x.data.jobId === slow && x.data.status === 'running'),
      'running',
    );
    const lastId = client.events[client.events.length - 1]!.id;
    client.close();
    // Shutdown pauses the running job; the stream never saw that.
    await first.host.close();

    const second = await startTestHost({ steps, dataDir, settings: { autoResumeInterrupted: false } });
    hosts.push(second);
    // Changes while the client is away.
    await createJob(second, 'created while away');
    expect((await second.api(`/api/jobs/${done}`, { method: 'DELETE' })).status).toBe(204);
    const back = open(second, lastId);
    await back.waitFor((e) => e.length >= 1, 'first event');
    expect(back.events[0]?.type).toBe('queue-snapshot');
    const state = reduceQueue([...client.events, ...back.events]);
    await waitUntil(
      'convergence',
      async () => {
        const truth = await trueQueue(second);
        return (
          JSON.stringify([...reduceQueue([...client.events, ...back.events])].sort()) ===
          JSON.stringify([...truth].sort())
        );
      },
      10_000,
    );
    expect(state.has(done)).toBe(false);
  });
});
