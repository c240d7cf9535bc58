import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src-main/engine/engine-api.js';
import { RenderSpecSchema, type RenderSpecInput } from '../../src-shared/spec.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { writeTestImage } from '../helpers/test-image.js';
import { waitForEvent } from '../helpers/wait.js';
import { ESPEAK, tinySpec } from './helpers/pipeline-engine.js';
import { usePipelineEngine } from './helpers/pipeline-fixture.js';

const fx = usePipelineEngine();

const ended = (e: EngineEvent, jobId: string) =>
  e.jobId === jobId && (e.type === 'job-completed' || e.type === 'job-failed' || e.type === 'job-canceled');

async function runToEnd(input: RenderSpecInput, settings = {}) {
  const engine = await fx.open(settings);
  const { jobId } = await engine.create(RenderSpecSchema.parse(input));
  const end = await waitForEvent(engine, (e) => ended(e, jobId), 20_000);
  return { jobId, end, job: engine.get(jobId)! };
}

async function resumeToEnd(jobId: string) {
  const end = waitForEvent(fx.engine, (e) => ended(e, jobId), 20_000);
  await fx.engine.resume(jobId);
  return end;
}

describe('pipeline failures', () => {
  it('a missing ffmpeg fails preflight with FFMPEG_NOT_FOUND; fixing the setting and resuming completes', async () => {
    const { jobId, end, job } = await runToEnd(tinySpec(1), { ffmpegPath: '/nonexistent/ffmpeg' });
    expect(end.type).toBe('job-failed');
    expect(job.error).toMatchObject({ code: 'FFMPEG_NOT_FOUND', step: 'preflight' });
    expect(job.error?.message).toContain('/nonexistent/ffmpeg');
    expect(job.error?.suggestedActions.join(' ')).toMatch(/ffmpegPath/);
    expect(job.canResume).toBe(true);

    await fx.engine.updateSettings({ ffmpegPath: null });
    expect((await resumeToEnd(jobId)).type).toBe('job-completed');
  });

  it('a corrupt image fails preflight with IMAGE_UNREADABLE; replacing the file and resuming completes', async () => {
    const images = makeTempDir('aura-img-');
    try {
      const image = join(images.dir, 'broken.png');
      writeFileSync(image, 'this is not a png');
      const { jobId, job } = await runToEnd(tinySpec(1, { image }));
      expect(job.status).toBe('failed');
      expect(job.error).toMatchObject({ code: 'IMAGE_UNREADABLE', step: 'preflight' });
      expect(job.error?.message).toContain(image);
      expect(job.error?.suggestedActions.length).toBeGreaterThan(0);
      expect(job.canResume).toBe(true);

      writeTestImage(image, 'testsrc=s=64x48');
      expect((await resumeToEnd(jobId)).type).toBe('job-completed');
    } finally {
      images.cleanup();
    }
  });

  it('a missing image fails preflight naming the file', async () => {
    const { job } = await runToEnd(tinySpec(1, { image: '/nonexistent/picture.png' }));
    expect(job.error).toMatchObject({ code: 'IMAGE_UNREADABLE' });
    expect(job.error?.message).toContain('/nonexistent/picture.png');
  });

  it.skipIf(!ESPEAK)("an unknown espeak voice fails the Voice step with espeak-ng's own words", async () => {
    const { job } = await runToEnd(tinySpec(1, {}, { engine: 'espeak', voice: 'zzvoice', rate: 170 }));
    expect(job.error).toMatchObject({ code: 'TTS_FAILED', step: 'narration' });
    expect(job.error?.message).toMatch(/voice does not exist/);
    expect(job.error?.suggestedActions.join(' ')).toMatch(/voice/);
  });

  it('a render larger than the free disk space fails preflight with DISK_FULL before any work', async () => {
    // 500 scenes of 10 minutes at 8K 120 fps: petabytes by the estimate, more than any test disk.
    const huge = {
      ...tinySpec(500, { durationSec: 600 }),
      output: { width: 7680, height: 4320, fps: 120, quality: 'high' as const },
    };
    const { job } = await runToEnd(huge);
    expect(job.error).toMatchObject({ code: 'DISK_FULL', step: 'preflight' });
    expect(job.error?.message).toMatch(/needs about \d+ MB .* \d+ MB is free/);
    expect(job.canResume).toBe(true);
  });

  it('a script without any scene is a bad spec: failed and not resumable', async () => {
    const { job } = await runToEnd({ title: 'empty', script: '\n   \n' });
    expect(job.error).toMatchObject({ code: 'SCRIPT_EMPTY', step: 'script' });
    expect(job.canResume).toBe(false);
  });

  it('an ffmpeg without drawtext is refused as FFMPEG_UNUSABLE', async () => {
    // A real executable that answers like an ffmpeg lacking the encoders and filters.
    const fake = makeTempDir('aura-fake-');
    try {
      const path = join(fake.dir, 'ffmpeg');
      writeFileSync(path, '#!/bin/sh\necho "ffmpeg version 0.0-fake"\nexit 0\n', { mode: 0o755 });
      const { job } = await runToEnd(tinySpec(1), { ffmpegPath: path });
      expect(job.error).toMatchObject({ code: 'FFMPEG_UNUSABLE' });
      expect(job.error?.message).toMatch(/libx264.*drawtext/);
      expect(job.canResume).toBe(true);
    } finally {
      fake.cleanup();
    }
  });
});
