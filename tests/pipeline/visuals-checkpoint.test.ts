import { afterEach, describe, expect, it } from 'vitest';
import { createPipelineSteps } from '../../src-main/pipeline/index.js';
import type { RenderSpecInput } from '../../src-shared/spec.js';
import { makeStepContext } from './helpers/step-context.js';
import { tinySpec } from './helpers/pipeline-engine.js';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

/** Runs every step but the join, changes scene 1's colour, runs them again: which clips were encoded again. */
async function reencodedAfterChangingScene1(transition: RenderSpecInput['transition']): Promise<string[]> {
  const made = await makeStepContext({ ...tinySpec(3), transition });
  cleanup = made.cleanup;
  const { ctx, record } = made;
  const steps = createPipelineSteps(ctx.spec).filter((s) => s.name !== 'render');
  for (const step of steps) await step.run(ctx);
  const before = record.markDone.length;
  ctx.spec.scenes![0]!.background = '#ff00ff';
  for (const step of steps) await step.run(ctx);
  return record.markDone
    .slice(before)
    .filter((key) => key.startsWith('visuals-'))
    .sort();
}

describe("a scene clip's checkpoint covers its look", () => {
  it('with a crossfade, changing scene 1 redoes scene 1 and scene 2 (which starts from its last frame), not scene 3', async () => {
    expect(await reencodedAfterChangingScene1({ type: 'crossfade', durationSec: 0.3 })).toEqual([
      'visuals-scene-1',
      'visuals-scene-2',
    ]);
  });

  it('with cuts, changing scene 1 redoes scene 1 only', async () => {
    expect(await reencodedAfterChangingScene1({ type: 'cut' })).toEqual(['visuals-scene-1']);
  });
});
