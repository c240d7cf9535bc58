import type { StepsFactory } from '../../src-main/engine/step.js';
import { RenderSpecSchema, type RenderSpec } from '../../src-shared/spec.js';

/** Three steps that do nothing: the bench measures the engine, not the work. */
export const noOpSteps: StepsFactory = () =>
  ['one', 'two', 'three'].map((name) => ({ name, stage: name, weight: 1, folders: [], run: async () => undefined }));

export const benchSpec = (i: number): RenderSpec =>
  RenderSpecSchema.parse({
    title: `Bench job ${i}`,
    script: '# Scene\nNothing to see.',
    voice: { engine: 'none', voice: 'en', rate: 170 },
    output: { width: 160, height: 90, fps: 10, quality: 'draft' },
  });
