import { afterEach, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src-main/engine/engine.js';
import { NO_PROGRESS, watchQueueProgress } from '../../src-main/electron/progress-aggregate.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { testSpec, testSteps } from '../helpers/test-steps.js';
import { waitForStatus, waitUntil } from '../helpers/wait.js';

let engine: Engine | undefined;
let cleanup: (() => void) | undefined;
afterEach(async () => {
  await engine?.close();
  cleanup?.();
  engine = undefined;
});

describe('watchQueueProgress on a real engine', () => {
  it('follows a running job from start to finish, then removes the bar', async () => {
    const temp = makeTempDir('aura-progress-');
    cleanup = temp.cleanup;
    engine = await createEngine({ dataDir: temp.dir, steps: testSteps({ units: 4, unitMs: 25 }) });
    const values: number[] = [];
    const stop = watchQueueProgress(engine, { onChange: (value) => values.push(value), intervalMs: 10 });
    const job = await engine.create(testSpec('Progress'));
    await waitForStatus(engine, job.jobId, 'completed');
    await waitUntil('the bar to be removed', () => values.at(-1) === NO_PROGRESS && values.length > 2, 5_000);
    stop();

    expect(values[0]).toBe(NO_PROGRESS);
    const during = values.slice(1, -1);
    expect(during.length).toBeGreaterThan(0);
    for (const value of during) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(1);
    }
    // Monotonic within the one job, and never the same value twice in a row.
    expect([...during].sort((a, b) => a - b)).toEqual(during);
    for (let i = 1; i < values.length; i++) expect(values[i]).not.toBe(values[i - 1]);
  });

  it('stops reporting once stopped', async () => {
    const temp = makeTempDir('aura-progress-');
    cleanup = temp.cleanup;
    engine = await createEngine({ dataDir: temp.dir, steps: testSteps({ units: 2, unitMs: 10 }) });
    const values: number[] = [];
    const stop = watchQueueProgress(engine, { onChange: (value) => values.push(value), intervalMs: 5 });
    stop();
    const job = await engine.create(testSpec('Quiet'));
    await waitForStatus(engine, job.jobId, 'completed');
    expect(values).toEqual([NO_PROGRESS]);
  });
});
