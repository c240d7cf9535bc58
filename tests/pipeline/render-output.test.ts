import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { artifactNames } from '../../src-shared/artifact-names.js';
import type { RenderSpecInput } from '../../src-shared/spec.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { audioPeakDb, ESPEAK, probeMedia, renderToEnd, tinySpec } from './helpers/pipeline-engine.js';
import { usePipelineEngine } from './helpers/pipeline-fixture.js';

const fx = usePipelineEngine();

/** Renders a spec to completion and returns the output's path and the job. */
async function render(input: RenderSpecInput) {
  const engine = await fx.open();
  const job = await renderToEnd(engine, input, 20_000);
  const output = engine.artifactPath(job.jobId, artifactNames(input.title).video);
  expect(output).toBeDefined();
  return { output: output!, job, proxyDir: join(fx.dir, 'proxy', job.jobId) };
}

describe('pipeline renders', () => {
  it.skipIf(!ESPEAK)(
    'colour scenes with espeak narration: duration, size, fps, audio, thumbnails, artifact',
    async () => {
      const { output, job, proxyDir } = await render(tinySpec(3, {}, { engine: 'espeak', voice: 'en', rate: 170 }));
      const media = await probeMedia(output);
      expect(media.durationSec).toBeGreaterThan(2.9);
      expect(media.durationSec).toBeLessThan(3.2);
      expect(media.video).toEqual({ width: 160, height: 90, fps: 30, codec: 'h264' });
      expect(media.audio).toEqual({ codec: 'aac' });
      expect(await audioPeakDb(output)).toBeGreaterThan(-40);
      expect(readdirSync(proxyDir).sort()).toEqual(['scene-1.jpg', 'scene-2.jpg', 'scene-3.jpg']);
      expect(job.artifacts[0]).toEqual(expect.objectContaining({ name: 'tiny.mp4', type: 'video/mp4' }));
      expect(job.artifacts[0]!.sizeBytes).toBeGreaterThan(1000);
      expect(job.warnings).toEqual([]);
    },
  );

  it('a script with silent narration lasts its reading time, at least 2 s a scene', async () => {
    const { output } = await render({
      title: 'silent',
      script: '# One\nShort.\n\n# Two\nAlso short.',
      voice: { engine: 'none' },
      output: { width: 160, height: 90, fps: 25, quality: 'draft' },
    });
    const media = await probeMedia(output);
    expect(media.durationSec).toBeGreaterThan(3.9);
    expect(media.durationSec).toBeLessThan(4.2);
    expect(media.video?.fps).toBe(25);
    expect(await audioPeakDb(output)).toBeLessThan(-80);
  });

  it.skipIf(!ESPEAK)('espeak narration sets the scene length when no durationSec is given', async () => {
    const narration = 'This sentence is long enough that speaking it takes well over two seconds of time.';
    const { output } = await render(tinySpec(1, { narration, durationSec: undefined }, { engine: 'auto' }));
    const media = await probeMedia(output);
    expect(media.durationSec).toBeGreaterThan(3);
    expect(media.durationSec).toBeLessThan(12);
  });

  it('an image background is scaled and padded to the output size', async () => {
    const imageDir = makeTempDir('aura-image-');
    try {
      const image = join(imageDir.dir, 'tall 100%.png');
      await execa('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=s=90x120', '-frames:v', '1', image]);
      const { output } = await render(tinySpec(2, { image }));
      const media = await probeMedia(output);
      expect(media.video).toMatchObject({ width: 160, height: 90 });
      expect(media.durationSec).toBeGreaterThan(1.9);
      expect(existsSync(output)).toBe(true);
    } finally {
      imageDir.cleanup();
    }
  });
});
