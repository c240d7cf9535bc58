import { setTimeout as delay } from 'node:timers/promises';
import type { StepsFactory } from '../../src-main/engine/step.js';
import { RenderSpecSchema, type RenderSpec } from '../../src-shared/spec.js';

/** Title prefix of the jobs that stream progress; every other job finishes at once. */
export const STREAM_PREFIX = 'Stream';
/** Progress ticks per streaming job. */
export const STREAM_TICKS = 60;
/**
 * Tick interval. The engine runs at most 16 jobs at once (its settings' limit), so 20 jobs at
 * 10 Hz (200 events/s) become 16 running at 12.5 Hz (80 ms): the same event rate.
 */
export const STREAM_TICK_MS = 80;

/**
 * One step per job: instant for the 10,000 stored jobs, or ~5 s of progress ticks for the
 * streaming ones. The bench measures the UI, not rendering.
 */
export const benchSteps: StepsFactory = (spec) => [
  spec.title.startsWith(STREAM_PREFIX)
    ? {
        name: 'stream',
        stage: 'Visuals',
        weight: 1,
        async run(ctx) {
          for (let tick = 1; tick <= STREAM_TICKS; tick++) {
            await delay(STREAM_TICK_MS, undefined, { signal: ctx.signal });
            ctx.progress((tick / STREAM_TICKS) * 100, `Scene ${tick} of ${STREAM_TICKS}`);
          }
        },
      }
    : { name: 'noop', stage: 'Render', weight: 1, run: async () => undefined },
];

export const benchSpec = (title: string): RenderSpec =>
  RenderSpecSchema.parse({
    title,
    script: '# Scene\nNothing to see.',
    voice: { engine: 'none', voice: 'en', rate: 170 },
    output: { width: 160, height: 90, fps: 10, quality: 'draft' },
  });
