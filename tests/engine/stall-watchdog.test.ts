import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src-main/engine/engine.js';
import { StallWatchdog } from '../../src-main/engine/stall-watchdog.js';
import { useEngineFixture } from '../helpers/engine-fixture.js';
import { testSpec, testSteps } from '../helpers/test-steps.js';
import { waitForEvent } from '../helpers/wait.js';

const fx = useEngineFixture();
let engine: Engine | undefined;

describe('stall watchdog', () => {
  it('warns with the step, the silence and the last log lines, then fails the step with STALLED', async () => {
    engine = await fx.open({
      steps: testSteps({ stallStep: 'work' }),
      settings: { stallWarningSeconds: 1, stallTimeoutSeconds: 2 },
      watchdogIntervalMs: 100,
    });
    const job = await engine.create(testSpec());
    const warning = await waitForEvent(engine, (e) => e.type === 'warning' && e.jobId === job.jobId, 5000);
    expect(warning.data).toMatchObject({ code: 'STALL_SUSPECTED', step: 'work' });
    expect(warning.type === 'warning' && warning.data.message).toMatch(
      /^The work step has shown no progress for \d+ s and runs no program.*Last log lines: .*waiting for something/,
    );
    const failed = await waitForEvent(engine, (e) => e.type === 'job-failed' && e.jobId === job.jobId, 5000);
    expect(failed.data).toMatchObject({ step: 'work', error: { code: 'STALLED' } });
    expect(engine.get(job.jobId)).toMatchObject({ status: 'failed', canResume: true });
    expect(engine.progress(job.jobId)!.hasWarnings).toBe(true);
  });

  it('decides from elapsed time alone (pure check)', () => {
    const seen: string[] = [];
    const dog = new StallWatchdog({
      warningSeconds: () => 10,
      timeoutSeconds: () => 20,
      onWarning: (r) => seen.push(`warn ${r.step} ${r.silentSeconds}`),
      onTimeout: (r) => seen.push(`timeout ${r.step} ${r.silentSeconds}`),
    });
    const t0 = Date.now();
    dog.watch('j', 'visuals');
    dog.check(t0 + 5_000);
    dog.check(t0 + 11_000);
    dog.check(t0 + 12_000);
    dog.alive('j');
    dog.check(Date.now() + 9_000);
    dog.check(Date.now() + 21_000);
    dog.stop();
    expect(seen).toEqual(['warn visuals 11', 'timeout visuals 21']);
  });
});
