import { request as httpRequest, type IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Step } from '../../src-main/engine/step.js';
import { EVENT_DATA_SCHEMAS, parseEventId } from '../../src-shared/events.js';
import { testSpec, testSteps } from '../helpers/test-steps.js';
import { waitForStatus, waitUntil } from '../helpers/wait.js';
import { idsAndTypes, postJson, SseRecorder, startTestHost, type Received, type TestHost } from './harness.js';

/** "noisy" jobs log 240 lines of 64 KiB each (15 MiB): enough to overflow any loopback socket buffer. */
const noisy: Step = {
  name: 'noise',
  stage: 'Noise',
  weight: 1,
  async run(ctx) {
    const line = 'x'.repeat(64 * 1024);
    for (let i = 0; i < 240; i++) {
      ctx.log.info(`${i} ${line}`);
      // Yield so events go out as they are made, like a real step's output.
      if (i % 8 === 0) await new Promise((r) => setImmediate(r));
    }
  },
};
const paced = testSteps({ units: 4, unitMs: 30 });
const failing = testSteps({ failStep: 'work' });
const steps = (spec: Parameters<typeof paced>[0]) =>
  spec.title === 'noisy' ? [noisy] : spec.title === 'failing' ? failing(spec) : paced(spec);

describe('per-job event stream', () => {
  let t: TestHost;
  beforeAll(async () => {
    t = await startTestHost({ steps, sse: { maxBufferedBytes: 256 * 1024 } });
  });
  afterAll(async () => {
    await t.cleanup();
  });

  const createJob = async (title: string) =>
    ((await (await postJson(t, '/api/render', testSpec(title))).json()) as { jobId: string }).jobId;
  const streamUrl = (jobId: string, query = '') =>
    `${t.host.url}/api/jobs/${jobId}/events?token=${t.host.token}${query}`;
  const logOf = async (jobId: string) =>
    (await t.host.engine.readEvents(jobId, 0)).map((e) => ({ id: `${e.ts}-${e.seq}`, type: e.type, data: e.data }));

  it('a fresh connection gets a job-status snapshot first, with the log position as its id', async () => {
    const jobId = await createJob('snapshot');
    const client = new SseRecorder(streamUrl(jobId));
    try {
      await client.waitFor((e) => e.length >= 1, 'the snapshot');
      const [first] = client.events as [Received];
      expect(first.type).toBe('job-status');
      expect(EVENT_DATA_SCHEMAS['job-status'].parse(first.data).jobId).toBe(jobId);
      expect(parseEventId(first.id)?.seq).toBeGreaterThanOrEqual(1);
      await client.waitFor((e) => e.some((x) => x.type === 'job-completed'), 'job-completed');
      // Live events after the snapshot: strictly rising seq, nothing repeated.
      const seqs = client.events.slice(1).map((e) => parseEventId(e.id)!.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(new Set(seqs).size).toBe(seqs.length);
    } finally {
      client.close();
    }
  });

  it('replay after a disconnect mid-job: the union of both connections is exactly the job log, in order', async () => {
    const jobId = await createJob('replay');
    // ?lastEventId=0-0 asks for the whole log from the first event.
    const first = new SseRecorder(streamUrl(jobId, '&lastEventId=0-0'));
    await first.waitFor((e) => e.length >= 4, 'four events');
    first.close();
    const got = [...first.events];
    const lastId = got[got.length - 1]!.id;
    // Let the job run on while nobody listens, so the reconnect really has events to replay.
    await waitUntil('more events', () => t.host.engine.lastSeq(jobId) >= parseEventId(lastId)!.seq + 5, 10_000);

    const second = new SseRecorder(streamUrl(jobId), { lastEventId: lastId });
    try {
      await second.waitFor((e) => e.some((x) => x.type === 'job-completed'), 'job-completed');
      const union = [...got, ...second.events];
      const log = await logOf(jobId);
      expect(idsAndTypes(union)).toEqual(idsAndTypes(log));
      expect(union.map((e) => e.data)).toEqual(log.map((e) => e.data));
    } finally {
      second.close();
    }
  });

  it('a finished stream ends; the reconnect EventSource makes with Last-Event-ID gets 204 and it stops', async () => {
    const jobId = await createJob('ended');
    await waitForStatus(t.host.engine, jobId, 'completed');
    const client = new SseRecorder(streamUrl(jobId, '&lastEventId=0-0'));
    try {
      // All events, then the server ends the stream; EventSource retries after 2 s with the last id.
      await client.waitClosed(8_000);
      expect(idsAndTypes(client.events)).toEqual(idsAndTypes(await logOf(jobId)));
    } finally {
      client.close();
    }
    const direct = await t.api(`/api/jobs/${jobId}/events`, {
      headers: { 'last-event-id': client.events[client.events.length - 1]!.id },
    });
    expect(direct.status).toBe(204);
  });

  it('a fresh connection to an ended job gets its final status and the stream ends', async () => {
    const jobId = await createJob('ended fresh');
    await waitForStatus(t.host.engine, jobId, 'completed');
    const res = await t.api(`/api/jobs/${jobId}/events`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text.startsWith('retry: 2000\n\n')).toBe(true);
    expect(text).toContain('event: job-status\n');
    expect(text).toContain('"status":"completed"');
  });

  it('replay of an ended job ends even when its log goes on after the terminal event', async () => {
    const jobId = await createJob('failing');
    await waitForStatus(t.host.engine, jobId, 'failed');
    expect(t.host.engine.get(jobId)?.canResume).toBe(true);
    // Sweeping a failed job's temp makes it unresumable: a job-status after job-failed in its log.
    await postJson(t, '/api/settings', { tempRetentionHours: 0 }, 'PUT');
    try {
      await t.json('/api/cleanup/sweep', { method: 'POST' });
      await waitUntil('canResume false', () => t.host.engine.get(jobId)?.canResume === false, 5_000);
    } finally {
      await postJson(t, '/api/settings', { tempRetentionHours: 24 }, 'PUT');
    }
    const log = await logOf(jobId);
    expect(log[log.length - 1]?.type).toBe('job-status');
    const res = await t.api(`/api/jobs/${jobId}/events?lastEventId=0-0`);
    const frames = parseFrames(await res.text());
    expect(idsAndTypes(frames)).toEqual(idsAndTypes(log));
    const again = await t.api(`/api/jobs/${jobId}/events`, { headers: { 'last-event-id': log[log.length - 1]!.id } });
    expect(again.status).toBe(204);
  });

  it('unknown job → 404, malformed id → 400, both problem+json', async () => {
    expect((await t.api('/api/jobs/nope/events')).status).toBe(404);
    expect((await t.api('/api/jobs/no%20pe/events')).status).toBe(400);
  });

  it('a client that stops reading is dropped (the engine never waits) and recovers everything by replay', async () => {
    const jobId = await createJob('noisy');
    const dropsBefore = t.host.streamStats().droppedClients;
    const { res, text } = await openPaused(t.host.port, `/api/jobs/${jobId}/events?lastEventId=0-0`, t.host.token);
    await waitForStatus(t.host.engine, jobId, 'completed', 20_000);
    await waitUntil('the slow client to be dropped', () => t.host.streamStats().droppedClients > dropsBefore, 10_000);
    res.resume();
    const received = parseFrames(await text);
    expect(received.length).toBeLessThan((await logOf(jobId)).length);
    const lastId = received[received.length - 1]!.id;

    const again = new SseRecorder(streamUrl(jobId), { lastEventId: lastId });
    try {
      await again.waitFor((e) => e.some((x) => x.type === 'job-completed'), 'job-completed', 20_000);
      expect(idsAndTypes([...received, ...again.events])).toEqual(idsAndTypes(await logOf(jobId)));
    } finally {
      again.close();
    }
  });

  it('an idle stream gets `: ping` comments at the configured interval', async () => {
    await postJson(t, '/api/settings', { ssePingSeconds: 1 }, 'PUT');
    try {
      const jobId = await createJob('pinged');
      await waitForStatus(t.host.engine, jobId, 'completed');
      const res = await t.fetch(`/api/events?token=${t.host.token}`);
      const reader = res.body!.getReader();
      let text = '';
      const started = Date.now();
      while (!text.includes(': ping\n\n')) {
        const { value, done } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
      }
      await reader.cancel();
      expect(text).toContain(': ping\n\n');
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      await postJson(t, '/api/settings', { ssePingSeconds: 15 }, 'PUT');
    }
  });

  it('many connect/disconnect cycles leave no listener behind', async () => {
    const jobId = await createJob('cycles');
    await waitForStatus(t.host.engine, jobId, 'completed');
    await waitUntil('earlier streams to close', () => t.host.streamStats().openStreams === 0, 5_000);
    const baseline = { ...t.host.streamStats(), engine: t.host.engine.listenerCount };
    for (let i = 0; i < 30; i++) {
      const clients = [
        new SseRecorder(`${t.host.url}/api/events?token=${t.host.token}`),
        new SseRecorder(streamUrl(jobId, '&lastEventId=0-1')),
      ];
      await Promise.all(clients.map((c) => c.waitFor((e) => e.length >= 1, 'a first event')));
      for (const c of clients) c.close();
    }
    await waitUntil('every stream to close', () => t.host.streamStats().openStreams === 0, 5_000);
    expect(t.host.streamStats().hubListeners).toBe(baseline.hubListeners);
    expect(t.host.engine.listenerCount).toBe(baseline.engine);
  });
});

/** Opens a stream and reads nothing until `res.resume()`: a stalled consumer. */
function openPaused(
  port: number,
  path: string,
  token: string,
): Promise<{ res: IncomingMessage; text: Promise<string> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers: { authorization: `Bearer ${token}` } }, (res) => {
      res.pause();
      let body = '';
      res.setEncoding('utf8');
      const text = new Promise<string>((done) => {
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => done(body));
        res.on('error', () => done(body));
        res.on('close', () => done(body));
      });
      res.pause();
      resolve({ res, text });
    });
    req.on('error', reject);
    req.end();
  });
}

/** Complete frames of a raw event-stream text (a cut-off last frame is not one). */
function parseFrames(text: string): Array<{ id: string; type: string }> {
  const frames: Array<{ id: string; type: string }> = [];
  const blocks = text.split('\n\n');
  blocks.pop();
  for (const block of blocks) {
    const id = /^id: (.*)$/m.exec(block)?.[1];
    const type = /^event: (.*)$/m.exec(block)?.[1];
    if (id !== undefined && type !== undefined) frames.push({ id, type });
  }
  return frames;
}
