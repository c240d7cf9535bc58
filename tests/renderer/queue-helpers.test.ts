import { describe, expect, it } from 'vitest';
import { endedBetween } from '../../src-renderer/app/end-notifications.js';
import { tabTitle } from '../../src-renderer/app/tab-title.js';
import { stepLabel } from '../../src-renderer/components/detail/StepTimeline.js';
import { cancelLoss } from '../../src-renderer/components/queue/job-actions.js';
import { workedSeconds } from '../../src-renderer/components/queue/JobTiming.js';
import { stageText } from '../../src-renderer/components/queue/JobRow.js';
import { queueFinishesAt, renderSpeed } from '../../src-renderer/store/queue-estimate.js';
import { applyQueueEvents } from '../../src-renderer/store/queue-reducer.js';
import { INITIAL_QUEUE, type QueueData } from '../../src-renderer/store/queue-state.js';
import { runOrderIds } from '../../src-renderer/store/selectors.js';
import { RenderSpecSchema } from '../../src-shared/spec.js';
import type { QueueItem } from '../../src-shared/job.js';
import { ev, item, STATS0, statusEv, step } from './fixtures.js';

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);

function queueOf(jobs: QueueItem[]): QueueData {
  return applyQueueEvents(INITIAL_QUEUE, [ev(1, 'queue-snapshot', { jobs, stats: STATS0 })], NOW);
}

describe('runOrderIds', () => {
  it('lists running, paused, pending in run order, then ended newest first', () => {
    const q = queueOf([
      item('done-old', 1, { status: 'completed' }),
      item('wait-2', 2, { position: 2 }),
      item('run', 3, { status: 'running' }),
      item('wait-1', 4, { position: 1 }),
      item('paused', 5, { status: 'paused' }),
      item('failed-new', 6, { status: 'failed' }),
    ]);
    expect(runOrderIds(q)).toEqual(['run', 'paused', 'wait-1', 'wait-2', 'failed-new', 'done-old']);
  });
});

describe('the queue finish estimate', () => {
  it('says nothing (null: "estimating") until a finished job has measured the machine', () => {
    const q = queueOf([item('p', 1, { expectedSeconds: 60 })]);
    expect(renderSpeed(q)).toBeNull();
    expect(queueFinishesAt(q, 1, NOW)).toBeNull();
  });

  it('multiplies the work left by the measured speed, spread over the slots', () => {
    const q = queueOf([
      // Took 30 s of render work for 60 s of video: half a second per second.
      item('done', 1, { status: 'completed', renderSeconds: 30, expectedSeconds: 60 }),
      item('p1', 2, { expectedSeconds: 100 }),
      item('p2', 3, { expectedSeconds: 20 }),
      item('r', 4, { status: 'running', progressPct: 50, expectedSeconds: 40 }),
    ]);
    expect(renderSpeed(q)).toBe(0.5);
    // Left: 50 + 10 + 40 * 0.5 * 0.5 = 70 s of work.
    expect(queueFinishesAt(q, 1, NOW)).toBe(NOW + 70_000);
    expect(queueFinishesAt(q, 2, NOW)).toBe(NOW + 35_000);
  });

  it('uses the engine’s own ETA for a running job when it has one', () => {
    const q0 = queueOf([
      item('done', 1, { status: 'completed', renderSeconds: 10, expectedSeconds: 10 }),
      item('r', 2, { status: 'running', expectedSeconds: 100 }),
    ]);
    const q = applyQueueEvents(
      q0,
      [
        ev(2, 'step-progress', {
          jobId: 'r',
          step: 'visuals',
          stage: 'Visuals',
          progressPct: 10,
          jobProgressPct: 10,
          etaSeconds: 42,
        }),
      ],
      NOW,
    );
    expect(queueFinishesAt(q, 1, NOW + 2000)).toBe(NOW + 2000 + 40_000);
  });

  it('is 0 when nothing is left to do', () => {
    expect(queueFinishesAt(queueOf([item('done', 1, { status: 'completed' })]), 1, NOW)).toBe(0);
  });
});

describe('tabTitle', () => {
  it('shows the running jobs’ mean progress, or just the name', () => {
    expect(tabTitle(queueOf([item('p', 1)]))).toBe('Aura Studio');
    const q = queueOf([
      item('a', 1, { status: 'running', progressPct: 40 }),
      item('b', 2, { status: 'running', progressPct: 45.5 }),
      item('c', 3, { status: 'completed', progressPct: 100 }),
    ]);
    expect(tabTitle(q)).toBe('42% · Aura Studio');
  });
});

describe('endedBetween', () => {
  it('names the jobs that ended between two states, once', () => {
    const before = queueOf([item('a', 1, { status: 'running' }), item('b', 2, { status: 'completed' })]);
    const after = applyQueueEvents(before, [statusEv(2, item('a', 1, { status: 'failed' }))], NOW);
    expect(endedBetween(before, after)).toEqual([{ jobId: 'a', title: 'Job a', status: 'failed' }]);
    expect(endedBetween(after, after)).toEqual([]);
  });
});

describe('what a row and a timeline say', () => {
  it('a running row says "Reconnecting…" while the stream is down', () => {
    const row = { status: 'running' as const, stage: 'Visuals', message: 'Scene 2 of 8 done', step: 'visuals' };
    expect(stageText(row, true)).toBe('Visuals · Scene 2 of 8 done');
    expect(stageText(row, false)).toBe('Reconnecting…');
  });

  it('counts render time from the recorded steps, and a running step from its recorded start', () => {
    const since = new Date(NOW - 5000).toISOString();
    expect(workedSeconds({ renderSeconds: 12, activeSince: since }, NOW)).toBe(17);
    expect(workedSeconds({ renderSeconds: 12, activeSince: null }, NOW)).toBe(12);
  });

  it('shows the step a paused job stopped in as Paused, not Pending', () => {
    const stopped = step('visuals', { status: 'pending', startedAt: '2026-01-01T00:00:00.000Z' });
    expect(stepLabel(stopped, 'paused')).toBe('Paused');
    expect(stepLabel(step('render'), 'paused')).toBe('Pending');
    expect(stepLabel(stopped, 'pending')).toBe('Pending');
  });
});

describe('cancelLoss', () => {
  const spec = RenderSpecSchema.parse({ title: 't', scenes: Array.from({ length: 8 }, () => ({ narration: 'x' })) });
  it.each([
    ['nothing done yet', [step('preflight')], null],
    ['finished steps only', [step('preflight', { status: 'succeeded' })], 'The finished steps are thrown away.'],
    [
      'visuals part way (approximate)',
      [step('visuals', { status: 'pending', progressPct: 62.5 })],
      'About 5 of 8 scenes are done and will be thrown away.',
    ],
    [
      'a sliver of visuals still counts one scene',
      [step('visuals', { progressPct: 2 })],
      'About 1 of 8 scenes is done and will be thrown away.',
    ],
    [
      'visuals finished (exact)',
      [step('visuals', { status: 'succeeded', progressPct: 100 })],
      '8 of 8 scenes are done and will be thrown away.',
    ],
  ])('%s', (_name, steps, text) => {
    expect(cancelLoss({ steps, spec })).toBe(text);
  });
});
