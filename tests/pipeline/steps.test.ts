import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { createPipelineSteps } from '../../src-main/pipeline/index.js';
import { jobFiles, type TimedScene } from '../../src-main/pipeline/job-files.js';
import { makeStepContext } from './helpers/step-context.js';
import { tinySpec } from './helpers/pipeline-engine.js';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

describe('pipeline steps through their files', () => {
  it('hand scenes.json → timeline.json → clips → output on, with per-scene checkpoints and honest progress', async () => {
    const made = await makeStepContext(tinySpec(4, { durationSec: 1.5 }), { settings: { maxParallelScenes: 2 } });
    cleanup = made.cleanup;
    const { ctx, record } = made;
    const steps = createPipelineSteps(ctx.spec);
    expect(steps.map((s) => [s.name, s.stage])).toEqual([
      ['preflight', 'Preflight'],
      ['script', 'Script'],
      ['narration', 'Voice'],
      ['visuals', 'Visuals'],
      ['render', 'Render'],
    ]);
    expect(steps[0]!.resumable).toBe(false);
    const visualsWeight = steps[3]!.weight;
    expect(steps.every((s) => s.weight > 0 && s.weight <= visualsWeight)).toBe(true);

    const files = jobFiles(ctx.tempDir);
    const progressOf: Record<string, number[]> = {};
    for (const step of steps) {
      record.progress = [];
      const result = await step.run(ctx);
      progressOf[step.name] = record.progress;
      for (const output of result?.outputs ?? []) expect(existsSync(output), output).toBe(true);
    }
    const timeline = JSON.parse(readFileSync(files.timeline, 'utf8')) as TimedScene[];
    expect(timeline.map((s) => s.clipSec)).toEqual([1.5, 1.5, 1.5, 1.5]);
    expect(timeline.every((s) => s.audioSec >= 2)).toBe(true);
    expect(record.markDone.sort()).toEqual(
      [...[1, 2, 3, 4].flatMap((n) => [`narration-scene-${n}`, `visuals-scene-${n}`]), 'render-mix'].sort(),
    );
    for (const n of [1, 2, 3, 4]) expect(existsSync(join(ctx.proxyDir, `scene-${n}.jpg`))).toBe(true);
    expect(record.artifacts.map((a) => [a.name, a.type])).toEqual([
      ['tiny.mp4', 'video/mp4'],
      ['tiny.srt', 'application/x-subrip'],
      ['tiny.vtt', 'text/vtt'],
      ['tiny-chapters.txt', 'text/plain'],
      ['tiny-thumbnail.jpg', 'image/jpeg'],
    ]);

    const visuals = progressOf.visuals!;
    expect(visuals.length).toBeGreaterThan(4);
    expect(visuals.every((p, i) => p >= 0 && p <= 100 && (i === 0 || p >= visuals[i - 1]!))).toBe(true);
    expect(visuals.at(-1)).toBe(100);
    expect(progressOf.render!.at(-1)).toBe(100);

    // Run visuals again: every scene is a checkpoint, nothing is encoded.
    const before = record.markDone.length;
    const mtimes = () => [1, 2, 3, 4].map((n) => statSync(files.clip(n)).mtimeMs);
    const clipTimes = mtimes();
    await steps[3]!.run(ctx);
    expect(record.markDone.length).toBe(before);
    expect(mtimes()).toEqual(clipTimes);
  });

  it('a changed music volume redoes only the soundtrack: no scene is encoded again', async () => {
    const music = join(tmpdir(), `aura-steps-bed-${process.pid}.wav`);
    await execa('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'sine=f=220:r=48000:d=1', music]);
    const made = await makeStepContext({ ...tinySpec(2), music: { path: music, volumeDb: -18 } });
    cleanup = async () => {
      await made.cleanup();
      rmSync(music, { force: true });
    };
    const { ctx, record } = made;
    const steps = createPipelineSteps(ctx.spec);
    for (const step of steps) await step.run(ctx);
    const files = jobFiles(ctx.tempDir);
    const clipTimes = [1, 2].map((n) => statSync(files.clip(n)).mtimeMs);
    const firstMix = record.markDone.filter((k) => k === 'render-mix').length;

    // Same job files, same checkpoints; only the music's volume differs.
    const louder = { ...ctx, spec: { ...ctx.spec, music: { ...ctx.spec.music!, volumeDb: -6 } } };
    const before = record.markDone.length;
    for (const step of createPipelineSteps(louder.spec)) await step.run(louder);
    expect(record.markDone.slice(before)).toEqual(['render-mix']);
    expect(firstMix).toBe(1);
    expect([1, 2].map((n) => statSync(files.clip(n)).mtimeMs)).toEqual(clipTimes);

    // And the same volume again reuses that soundtrack: nothing at all is redone.
    const after = record.markDone.length;
    await steps[4]!.run(louder);
    expect(record.markDone.length).toBe(after);
  }, 60_000);
});
