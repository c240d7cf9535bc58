import { afterEach, describe, expect, it } from 'vitest';
import { testSpec, testSteps } from '../helpers/test-steps.js';
import { waitForStatus } from '../helpers/wait.js';
import { idsAndTypes, postJson, SseRecorder, startTestHost, type TestHost } from './harness.js';

const steps = testSteps({ units: 4, unitMs: 60 });

describe('per-job replay across a restart', () => {
  const hosts: TestHost[] = [];
  const clients: SseRecorder[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    for (const h of hosts.splice(0).reverse()) await h.cleanup();
  });

  it('a client cut off by a shutdown mid-job gets the rest from the log after the restart: union = log', async () => {
    const first = await startTestHost({ steps });
    hosts.push(first);
    const { jobId } = (await (await postJson(first, '/api/render', testSpec('across'))).json()) as { jobId: string };
    const before = new SseRecorder(
      `${first.host.url}/api/jobs/${jobId}/events?token=${first.host.token}&lastEventId=0-0`,
    );
    clients.push(before);
    await before.waitFor((e) => e.filter((x) => x.type === 'step-progress').length >= 2, 'some progress');
    before.close();
    const seen = [...before.events];
    // Shutdown pauses the job with its checkpoints; the next start resumes it.
    await first.host.close();

    const second = await startTestHost({ steps, dataDir: first.dataDir });
    hosts.push(second);
    const after = new SseRecorder(`${second.host.url}/api/jobs/${jobId}/events?token=${second.host.token}`, {
      lastEventId: seen[seen.length - 1]!.id,
    });
    clients.push(after);
    await after.waitFor((e) => e.some((x) => x.type === 'job-completed'), 'job-completed', 15_000);
    await waitForStatus(second.host.engine, jobId, 'completed');
    const log = (await second.host.engine.readEvents(jobId, 0)).map((e) => ({
      id: `${e.ts}-${e.seq}`,
      type: e.type,
      data: e.data,
    }));
    const union = [...seen, ...after.events];
    expect(idsAndTypes(union)).toEqual(idsAndTypes(log));
    expect(union.map((e) => e.data)).toEqual(log.map((e) => e.data));
    expect(union.some((e) => e.type === 'job-status' && e.data.status === 'paused')).toBe(true);
  });
});
