import fs from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { StepError } from '../../src-main/engine/errors.js';
import type { Step, StepsFactory } from '../../src-main/engine/step.js';
import { RenderSpecSchema, type RenderSpec } from '../../src-shared/spec.js';
import type { JobErrorCode } from '../../src-shared/job-codes.js';

/** How the test steps behave; tests choose per spec (e.g. by title). */
export interface TestStepOptions {
  /** Step names, in order. Default: prepare, work, finish. */
  names?: string[];
  /** Checkpointed units each step does. Default 3. */
  units?: number;
  /** Time each unit takes (abortable). Default 0. */
  unitMs?: number;
  /** Step that throws a StepError at its first unit. */
  failStep?: string;
  failCode?: JobErrorCode;
  /** Whether that failure is resumable. Default true. */
  retryable?: boolean;
  /** Step that stops reporting progress and waits until aborted. */
  stallStep?: string;
  /** Step that ignores its abort signal and never finishes (a misbehaving plug-in). */
  hangStep?: string;
  /** Counts units really done: key `jobId/step/unit`. */
  runs?: Map<string, number>;
}

/** Steps for engine tests: units of work written to temp, checkpointed, with progress. */
export function testSteps(options: TestStepOptions | ((spec: RenderSpec) => TestStepOptions) = {}): StepsFactory {
  return (spec) => {
    const o = typeof options === 'function' ? options(spec) : options;
    const names = o.names ?? ['prepare', 'work', 'finish'];
    return names.map((name): Step => ({
      name,
      stage: name[0]!.toUpperCase() + name.slice(1),
      weight: 1,
      async run(ctx) {
        const units = o.units ?? 3;
        if (o.hangStep === name) await new Promise(() => undefined);
        if (o.stallStep === name) {
          ctx.log.info('waiting for something that never comes');
          await delay(3_600_000, undefined, { signal: ctx.signal });
        }
        const outputs: string[] = [];
        for (let unit = 0; unit < units; unit++) {
          if (o.failStep === name) {
            throw new StepError(o.failCode ?? 'STEP_FAILED', `${name} failed on purpose`, {
              suggestedActions: ['Fix the test'],
              retryable: o.retryable ?? true,
            });
          }
          const file = path.join(ctx.tempDir, `${name}-${unit}.txt`);
          const key = `unit:${name}:${unit}`;
          if (!(await ctx.checkpoint.isDone(key, 'v1'))) {
            if (o.unitMs) await delay(o.unitMs, undefined, { signal: ctx.signal });
            await fs.writeFile(file, `${ctx.jobId} ${name} ${unit}\n`);
            await ctx.checkpoint.markDone(key, 'v1', [file]);
            const runKey = `${ctx.jobId}/${name}/${unit}`;
            o.runs?.set(runKey, (o.runs.get(runKey) ?? 0) + 1);
          }
          outputs.push(file);
          ctx.progress(((unit + 1) / units) * 100, `${name} ${unit + 1}/${units}`);
        }
        if (name === names[names.length - 1]) {
          await fs.writeFile(path.join(ctx.artifactsDir, 'output.txt'), `done ${ctx.jobId}\n`);
          await ctx.addArtifact('output.txt', 'text/plain');
        }
        return { outputs };
      },
    }));
  };
}

/** A minimal valid spec. */
export function testSpec(title = 'Test job'): RenderSpec {
  return RenderSpecSchema.parse({
    title,
    script: '# One\nHello there.',
    voice: { engine: 'none', voice: 'en', rate: 170 },
    output: { width: 160, height: 90, fps: 10, quality: 'draft' },
  });
}
