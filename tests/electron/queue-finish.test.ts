/**
 * "When the queue finishes" against a real engine (real files, test steps): the OS actions are
 * recorded, everything else is the real flow with real timers (a short countdown).
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHost, type Host } from '../../src-main/host.js';
import { watchQueueFinish, type FinishEffects, type QueueFinishWatcher } from '../../src-main/electron/queue-finish.js';
import type { FinishCountdown } from '../../src-shared/bridge.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { testSpec, testSteps } from '../helpers/test-steps.js';
import { waitForStatus, waitUntil } from '../helpers/wait.js';

let temp: ReturnType<typeof makeTempDir>;
let host: Host;
let watcher: QueueFinishWatcher;
let effects: { notified: string[]; quits: number; sleeps: number; countdowns: (FinishCountdown | null)[] };

beforeEach(async () => {
  temp = makeTempDir('aura-finish-');
  host = await startHost({
    dataDir: path.join(temp.dir, 'data'),
    rendererDir: temp.dir,
    // "Slow" jobs are still running when the test acts; the others finish at once.
    steps: testSteps((spec) => (spec.title.startsWith('Slow') ? { units: 15, unitMs: 30 } : { units: 1 })),
  });
  effects = { notified: [], quits: 0, sleeps: 0, countdowns: [] };
  const recorder: FinishEffects = {
    notify: (title, body) => void effects.notified.push(`${title}: ${body}`),
    quit: () => void (effects.quits += 1),
    sleep: async () => void (effects.sleeps += 1),
    countdown: (state) => void effects.countdowns.push(state),
  };
  watcher = watchQueueFinish({ engine: host.engine, effects: recorder, countdownSeconds: 3, tickMs: 100 });
});

afterEach(async () => {
  watcher.stop();
  await host.close();
  temp.cleanup();
});

describe('when the queue finishes', () => {
  it('does nothing by default', async () => {
    const job = await host.engine.create(testSpec('Quick'));
    await waitForStatus(host.engine, job.jobId, 'completed');
    expect(watcher.action).toBe('nothing');
    expect(effects).toEqual({ notified: [], quits: 0, sleeps: 0, countdowns: [] });
  });

  it('notifies once, when the last of several renders ends, with what they came to', async () => {
    watcher.action = 'notify';
    const slow = await host.engine.create(testSpec('Slow one'));
    const quick = await host.engine.create(testSpec('Quick two'));
    await waitForStatus(host.engine, quick.jobId, 'completed');
    await waitForStatus(host.engine, slow.jobId, 'completed');
    await waitUntil('the notification', () => effects.notified.length === 1, 5_000);
    expect(effects.notified).toEqual(['Queue finished: 2 videos rendered.']);
  });

  it('counts down, then puts the computer to sleep', async () => {
    watcher.action = 'sleep';
    const job = await host.engine.create(testSpec('Quick'));
    await waitForStatus(host.engine, job.jobId, 'completed');
    await waitUntil('the sleep', () => effects.sleeps === 1, 5_000);
    expect(effects.countdowns).toEqual([
      { action: 'sleep', secondsLeft: 3 },
      { action: 'sleep', secondsLeft: 2 },
      { action: 'sleep', secondsLeft: 1 },
      null,
    ]);
    expect(effects.notified).toEqual([
      'Queue finished: 1 video rendered. The computer sleeps in 3 s unless you cancel.',
    ]);
    expect(watcher.countdown).toBeNull();
  });

  it('stays when the countdown is canceled; the next finish counts down again', async () => {
    watcher.action = 'quit';
    const first = await host.engine.create(testSpec('Quick'));
    await waitForStatus(host.engine, first.jobId, 'completed');
    await waitUntil('the countdown', () => watcher.countdown !== null, 5_000);
    watcher.cancelCountdown();
    expect(effects.countdowns.at(-1)).toBeNull();
    const second = await host.engine.create(testSpec('Quick again'));
    await waitForStatus(host.engine, second.jobId, 'completed');
    await waitUntil('the quit', () => effects.quits > 0, 5_000);
    // One quit: the canceled countdown never fired, the second one did.
    expect(effects.quits).toBe(1);
    expect(effects.countdowns.filter((c) => c?.secondsLeft === 3)).toHaveLength(2);
  });

  it('stops counting when new work arrives, or the choice changes', async () => {
    watcher.action = 'quit';
    const first = await host.engine.create(testSpec('Quick'));
    await waitForStatus(host.engine, first.jobId, 'completed');
    await waitUntil('the countdown', () => watcher.countdown !== null, 5_000);
    const slow = await host.engine.create(testSpec('Slow arrival'));
    expect(watcher.countdown).toBeNull();
    watcher.action = 'nothing';
    await waitForStatus(host.engine, slow.jobId, 'completed');
    expect(watcher.countdown).toBeNull();
    expect(effects.quits).toBe(0);
  });
});
