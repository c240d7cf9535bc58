import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Step } from '../../src-main/engine/step.js';
import { ProblemSchema } from '../../src-shared/problem.js';
import { testSpec } from '../helpers/test-steps.js';
import { waitForStatus } from '../helpers/wait.js';
import { postJson, startTestHost, type TestHost } from './harness.js';

const VIDEO = randomBytes(10_000);
const THUMB = randomBytes(300);

/** Makes an "mp4" artifact and a thumbnail proxy, like the render pipeline does. */
const fileSteps = (): Step[] => [
  {
    name: 'make',
    stage: 'Make',
    weight: 1,
    async run(ctx) {
      await fs.writeFile(path.join(ctx.artifactsDir, 'output.mp4'), VIDEO);
      await ctx.addArtifact('output.mp4', 'video/mp4');
      await fs.writeFile(path.join(ctx.proxyDir, 'scene-001.png'), THUMB);
      ctx.log.info('made the files');
    },
  },
];

describe('job files', () => {
  let t: TestHost;
  let jobId: string;
  beforeAll(async () => {
    t = await startTestHost({ steps: fileSteps });
    jobId = ((await (await postJson(t, '/api/render', testSpec('files'))).json()) as { jobId: string }).jobId;
    await waitForStatus(t.host.engine, jobId, 'completed');
  });
  afterAll(async () => {
    await t.cleanup();
  });

  const artifact = `/api/jobs/JOB/artifacts/output.mp4`;
  const url = (p: string) => p.replace('JOB', jobId);

  it('serves a whole artifact with its type and Accept-Ranges', async () => {
    const res = await t.api(url(artifact));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('video/mp4');
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('content-length')).toBe(String(VIDEO.length));
    expect(Buffer.from(await res.arrayBuffer()).equals(VIDEO)).toBe(true);
  });

  it.each([
    ['bytes=0-99', 0, 99],
    ['bytes=9990-', 9990, 9999],
    ['bytes=-10', 9990, 9999],
    ['bytes=5000-20000', 5000, 9999],
  ])('Range %s → 206 with exactly those bytes', async (range, start, end) => {
    const res = await t.api(url(artifact), { headers: { range } });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes ${start}-${end}/${VIDEO.length}`);
    expect(res.headers.get('content-length')).toBe(String(end - start + 1));
    expect(Buffer.from(await res.arrayBuffer()).equals(VIDEO.subarray(start, end + 1))).toBe(true);
  });

  it('a range past the end → 416 with Content-Range bytes */size', async () => {
    const res = await t.api(url(artifact), { headers: { range: 'bytes=20000-' } });
    expect(res.status).toBe(416);
    expect(res.headers.get('content-range')).toBe(`bytes */${VIDEO.length}`);
    expect(ProblemSchema.parse(await res.json()).status).toBe(416);
  });

  it('a <video src> style request works with ?token=', async () => {
    const res = await t.fetch(`${url(artifact)}?token=${t.host.token}`, { headers: { range: 'bytes=0-1' } });
    expect(res.status).toBe(206);
  });

  it('serves proxies; 404 for missing files and unknown jobs', async () => {
    const thumb = await t.api(url('/api/jobs/JOB/proxy/scene-001.png'));
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await thumb.arrayBuffer()).equals(THUMB)).toBe(true);
    for (const p of [
      '/api/jobs/JOB/proxy/scene-999.png',
      '/api/jobs/JOB/artifacts/missing.mp4',
      '/api/jobs/nope/artifacts/output.mp4',
    ]) {
      const res = await t.api(url(p));
      expect(res.status).toBe(404);
      expect(ProblemSchema.parse(await res.json()).code).toBe('NOT_FOUND');
    }
  });

  it('the job log is text/plain and holds what the step logged', async () => {
    const res = await t.api(url('/api/jobs/JOB/log'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toContain('made the files');
  });
});
