import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobSchema, QueueResponseSchema } from '../../src-shared/job.js';
import { ProblemSchema } from '../../src-shared/problem.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { testSteps } from '../helpers/test-steps.js';
import { waitForStatus } from '../helpers/wait.js';
import { postJson, startTestHost, type TestHost } from './harness.js';

const spec = (scenes: object[], extra: object = {}) => ({
  title: 'files checked at submit',
  scenes,
  voice: { engine: 'none' },
  output: { width: 160, height: 90, fps: 30, quality: 'draft' },
  ...extra,
});

describe('POST /api/jobs checks the files a spec names at submit (400 naming the field)', () => {
  const files = makeTempDir('aura-spec-files-');
  const image = join(files.dir, 'still.png');
  const music = join(files.dir, 'bed.wav');
  const notImage = join(files.dir, 'notes.png');
  let t: TestHost;
  const total = async () => QueueResponseSchema.parse(await t.json('/api/queue')).stats.total;

  beforeAll(async () => {
    const ffmpeg = (args: string[]) => execFileSync('/usr/bin/ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', ...args]);
    ffmpeg(['-i', 'testsrc=s=160x90', '-frames:v', '1', image]);
    ffmpeg(['-i', 'sine=frequency=440:duration=0.5', music]);
    writeFileSync(notImage, 'just text');
    t = await startTestHost({ steps: testSteps() });
  });
  afterAll(async () => {
    await t.cleanup();
    files.cleanup();
  });

  it('real media are accepted', async () => {
    const res = await postJson(
      t,
      '/api/jobs',
      spec([{ narration: 'a' }, { narration: 'b', image }], { music: { path: music } }),
    );
    expect(res.status).toBe(201);
  });

  it('a missing, non-image or folder image is refused naming scenes.N.image; nothing is created', async () => {
    const before = await total();
    const res = await postJson(
      t,
      '/api/jobs',
      spec([
        { image },
        { narration: 'x' },
        { image: join(files.dir, 'gone.png') },
        { image: notImage },
        { image: files.dir },
      ]),
    );
    expect(res.status).toBe(400);
    const problem = ProblemSchema.parse(await res.json());
    expect(problem.code).toBe('VALIDATION_FAILED');
    expect(problem.detail).toContain('scenes.2.image');
    expect(problem.errors).toEqual([
      { path: 'scenes.2.image', message: `${join(files.dir, 'gone.png')} does not exist` },
      { path: 'scenes.3.image', message: `${notImage} is not an image (PNG, JPEG, GIF, WebP, BMP or TIFF)` },
      { path: 'scenes.4.image', message: `${files.dir} is a folder, not a file` },
    ]);
    expect(await total()).toBe(before);
  });

  it('music that is not audio is refused naming music.path', async () => {
    const fake = join(files.dir, 'song.mp3');
    writeFileSync(fake, '#!/bin/sh\n');
    const res = await postJson(t, '/api/jobs', spec([{ narration: 'x' }], { music: { path: fake } }));
    expect(res.status).toBe(400);
    expect(ProblemSchema.parse(await res.json()).errors).toEqual([
      { path: 'music.path', message: `${fake} is not an audio file (MP3, M4A, WAV or OGG)` },
    ]);
  });

  it('render again re-checks: a job whose image has since gone cannot be duplicated', async () => {
    const moving = join(files.dir, 'moving.png');
    execFileSync('cp', [image, moving]);
    const res = await postJson(t, '/api/jobs', spec([{ image: moving }]));
    const job = JobSchema.parse(await res.json());
    await waitForStatus(t.host.engine, job.jobId, 'completed');
    rmSync(moving);
    const again = await t.api(`/api/jobs/${job.jobId}/duplicate`, { method: 'POST' });
    expect(again.status).toBe(400);
    expect(ProblemSchema.parse(await again.json()).errors?.[0]?.path).toBe('scenes.0.image');
  });
});
