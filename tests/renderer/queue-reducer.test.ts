import { describe, expect, it } from 'vitest';
import { addJob, applyPreview, applyQueueEvents, moveJob } from '../../src-renderer/store/queue-reducer.js';
import { INITIAL_QUEUE, type QueueData } from '../../src-renderer/store/queue-state.js';
import { ev, item, statusEv, STATS0, step, stepEv } from './fixtures.js';

const NOW = 5_000_000;
const B_RUNNING = item('b', 2, { status: 'running', stage: 'Visuals', progressPct: 40, startedAt: 'T0' });

function snapshotOf(seq: number, ts = 1000): QueueData {
  const jobs = [item('a', 1), B_RUNNING, item('c', 3)];
  return applyQueueEvents(
    INITIAL_QUEUE,
    [ev(seq, 'queue-snapshot', { jobs, stats: { ...STATS0, total: 3, pending: 2, running: 1 } }, ts)],
    NOW,
  );
}

const progress = (seq: number, jobId: string, jobProgressPct: number, etaSeconds: number | null = 30) =>
  ev(seq, 'step-progress', {
    jobId,
    step: 'visuals',
    stage: 'Visuals',
    progressPct: jobProgressPct,
    jobProgressPct,
    etaSeconds,
    message: 'Scene 1 of 2 done',
  });

describe('applyQueueEvents', () => {
  it('takes a snapshot as the whole queue, newest first, pending in run order (oldest first), with its stats and cursor', () => {
    const s = snapshotOf(7);
    expect(s.loaded).toBe(true);
    expect(s.order).toEqual(['c', 'b', 'a']);
    expect(s.runOrder).toEqual(['a', 'c']);
    expect(s.positions.get('a')).toBe(1);
    expect(s.stats).toMatchObject({ total: 3, pending: 2, running: 1 });
    expect(s.cursorSeq).toBe(7);
    expect(s.lastEventId).toBe('1000-7');
  });

  it("orders a snapshot's pending jobs by the server's position where it gives one", () => {
    const jobs = [item('a', 1, { position: 3 }), item('b', 2, { position: 1 }), item('c', 3, { position: 2 })];
    const s = applyQueueEvents(INITIAL_QUEUE, [ev(1, 'queue-snapshot', { jobs, stats: STATS0 })], NOW);
    expect(s.runOrder).toEqual(['b', 'c', 'a']);
  });

  it('drops replayed duplicates: applying the same events twice changes nothing', () => {
    const events = [progress(8, 'b', 50), ev(9, 'job-created', { job: item('d', 4) }), progress(10, 'b', 60)];
    const once = applyQueueEvents(snapshotOf(7), events, NOW);
    const twice = applyQueueEvents(once, events, NOW);
    expect(twice).toBe(once);
    expect(once.jobs.get('b')?.progressPct).toBe(60);
    expect(once.order).toEqual(['d', 'c', 'b', 'a']);
    expect(once.runOrder).toEqual(['a', 'c', 'd']);
    expect(once.stats.total).toBe(4);
  });

  it('drops an event that arrives after a later one (lower seq)', () => {
    const s = applyQueueEvents(snapshotOf(7), [progress(9, 'b', 70), progress(8, 'b', 55)], NOW);
    expect(s.jobs.get('b')?.progressPct).toBe(70);
    expect(s.cursorSeq).toBe(9);
  });

  it('replaces the row with the one a status event carries: times and flags are the engine’s, not re-derived', () => {
    const done = item('b', 2, {
      status: 'completed',
      stage: 'Render',
      progressPct: 100,
      startedAt: 'T0',
      completedAt: 'T9',
      artifactCount: 2,
      renderSeconds: 29,
    });
    const s = applyQueueEvents(snapshotOf(7), [progress(8, 'b', 90), statusEv(9, done)], NOW);
    expect(s.jobs.get('b')).toMatchObject({ ...done, etaSeconds: null, message: null });
    expect(s.stats).toMatchObject({ running: 0, completed: 1 });
  });

  it('a step event replaces the row too, and a running row keeps its live ETA and message', () => {
    const s1 = applyQueueEvents(snapshotOf(7), [progress(8, 'b', 60, 42)], NOW);
    const row = { ...B_RUNNING, stage: 'Render', progressPct: 80, renderSeconds: 12, activeSince: 'T5' };
    const s2 = applyQueueEvents(s1, [stepEv(9, row, step('render', { status: 'running', startedAt: 'T5' }))], NOW);
    expect(s2.jobs.get('b')).toMatchObject({ stage: 'Render', progressPct: 80, renderSeconds: 12, etaSeconds: 42 });
  });

  it.each([
    {
      name: 'progress never goes backwards within a run',
      events: [progress(8, 'b', 80), progress(9, 'b', 60)],
      expectB: { status: 'running', progressPct: 80 },
    },
    {
      name: 'progress for a job that is no longer running is ignored',
      events: [statusEv(8, { ...B_RUNNING, status: 'paused', progressPct: 45, canResume: true }), progress(9, 'b', 50)],
      expectB: { status: 'paused', progressPct: 45, etaSeconds: null },
    },
    {
      name: 'a resumed failed job is pending again, as its row says',
      events: [
        statusEv(8, { ...B_RUNNING, status: 'failed', hasErrors: true, canResume: true }),
        statusEv(9, { ...B_RUNNING, status: 'pending', hasErrors: false }),
      ],
      expectB: { status: 'pending', hasErrors: false },
    },
  ])('$name', ({ events, expectB }) => {
    const s = applyQueueEvents(snapshotOf(7), events, NOW);
    expect(s.jobs.get('b')).toMatchObject(expectB);
  });

  it('keeps the run order: a job leaving the queue leaves it, one coming back joins the end or its given place', () => {
    const s1 = applyQueueEvents(snapshotOf(7), [statusEv(8, item('a', 1, { status: 'running' }))], NOW);
    expect(s1.runOrder).toEqual(['c']);
    const s2 = applyQueueEvents(s1, [statusEv(9, { ...B_RUNNING, status: 'pending' })], NOW);
    expect(s2.runOrder).toEqual(['c', 'b']);
    expect(s2.positions.get('b')).toBe(2);
    // A moved job's event carries its new place; the others keep their relative order.
    const s3 = applyQueueEvents(s2, [statusEv(10, { ...B_RUNNING, status: 'pending', position: 1 })], NOW);
    expect(s3.runOrder).toEqual(['b', 'c']);
    expect(s3.listEpoch).toBeGreaterThan(s2.listEpoch);
  });

  it('moves a pending job to the place the move request answered, and ignores a job that is not pending', () => {
    const s = applyQueueEvents(snapshotOf(7), [ev(8, 'job-created', { job: item('d', 4) })], NOW);
    expect(s.runOrder).toEqual(['a', 'c', 'd']);
    const moved = moveJob(s, 'd', 1);
    expect(moved.runOrder).toEqual(['d', 'a', 'c']);
    expect(moved.positions.get('c')).toBe(3);
    expect(moveJob(moved, 'b', 1)).toBe(moved);
  });

  it('keeps the per-status counts in step with status changes', () => {
    const s = applyQueueEvents(
      snapshotOf(7),
      [
        statusEv(8, { ...B_RUNNING, status: 'completed' }),
        statusEv(9, item('a', 1, { status: 'running' })),
        ev(10, 'job-deleted', { jobId: 'c' }),
      ],
      NOW,
    );
    expect(s.stats).toEqual({ ...STATS0, total: 2, running: 1, completed: 1 });
    expect(s.order).toEqual(['b', 'a']);
    expect(s.runOrder).toEqual([]);
  });

  it('ignores events of jobs it does not know', () => {
    const before = snapshotOf(7);
    const after = applyQueueEvents(before, [progress(8, 'zzz', 10), statusEv(9, item('zzz', 9))], NOW);
    expect(after.jobs).toBe(before.jobs);
    expect(after.cursorSeq).toBe(9);
  });

  it('after a reconnect to a restarted server, the new snapshot replaces everything and resets the cursor', () => {
    const before = applyQueueEvents(snapshotOf(7, 1000), [progress(50, 'b', 90)], NOW);
    expect(before.cursorSeq).toBe(50);
    // New server run (epoch 2000): seq starts again; b finished meanwhile, a was deleted, e is new.
    const jobs = [
      item('b', 2, { status: 'completed', progressPct: 100, artifactCount: 1 }),
      item('c', 3),
      item('e', 5),
    ];
    const after = applyQueueEvents(
      before,
      [
        ev(3, 'queue-snapshot', { jobs, stats: { ...STATS0, total: 3, pending: 2, completed: 1 } }, 2000),
        statusEv(4, item('c', 3, { status: 'running' }), [], 2000),
      ],
      NOW,
    );
    expect(after.order).toEqual(['e', 'c', 'b']);
    expect(after.runOrder).toEqual(['e']);
    expect(after.jobs.has('a')).toBe(false);
    expect(after.jobs.get('b')).toMatchObject({ status: 'completed', progressPct: 100 });
    expect(after.jobs.get('c')?.status).toBe('running');
    expect(after.stats).toEqual({ ...STATS0, total: 3, pending: 1, running: 1, completed: 1 });
    expect(after.lastEventId).toBe('2000-4');
  });

  it('replaces Maps and arrays instead of mutating them', () => {
    const before = snapshotOf(7);
    const jobsBefore = before.jobs;
    const bBefore = jobsBefore.get('b');
    const after = applyQueueEvents(before, [progress(8, 'b', 75), ev(9, 'job-created', { job: item('d', 4) })], NOW);
    expect(after.jobs).not.toBe(jobsBefore);
    expect(jobsBefore.size).toBe(3);
    expect(jobsBefore.get('b')).toBe(bBefore);
    expect(bBefore?.progressPct).toBe(40);
    expect(before.order).toEqual(['c', 'b', 'a']);
    expect(before.runOrder).toEqual(['a', 'c']);
    // Rows nothing touched keep their object, so their components do not re-render.
    expect(after.jobs.get('a')).toBe(jobsBefore.get('a'));
  });

  it('bumps listEpoch for status and order changes only, not for progress', () => {
    const s0 = snapshotOf(7);
    const s1 = applyQueueEvents(s0, [progress(8, 'b', 60)], NOW);
    expect(s1.listEpoch).toBe(s0.listEpoch);
    expect(s1.positions).toBe(s0.positions);
    const s2 = applyQueueEvents(s1, [statusEv(9, { ...B_RUNNING, status: 'canceled' })], NOW);
    expect(s2.listEpoch).toBe(s1.listEpoch + 1);
  });

  it('records the ETA with the client clock, and null while estimating', () => {
    const s = applyQueueEvents(snapshotOf(7), [progress(8, 'b', 60, 42)], NOW);
    expect(s.jobs.get('b')).toMatchObject({
      etaSeconds: 42,
      etaAt: NOW,
      step: 'visuals',
      message: 'Scene 1 of 2 done',
    });
    const t = applyQueueEvents(s, [progress(9, 'b', 61, null)], NOW + 1);
    expect(t.jobs.get('b')).toMatchObject({ etaSeconds: null, etaAt: null });
  });

  it('shows a submitted job at once and does not count it twice when its job-created arrives', () => {
    const s0 = snapshotOf(7);
    const s1 = addJob(s0, item('new', 9));
    expect(s1.order[0]).toBe('new');
    const s2 = applyQueueEvents(s1, [ev(8, 'job-created', { job: item('new', 9) })], NOW);
    expect(s2.order.filter((id) => id === 'new')).toHaveLength(1);
    expect(s2.runOrder.filter((id) => id === 'new')).toHaveLength(1);
    expect(s2.stats.total).toBe(4);
    expect(s2.stats.pending).toBe(3);
  });

  it('shows the first page of /api/queue until the snapshot arrives, and never after it', () => {
    const page = {
      jobs: [item('x', 9), item('y', 8)],
      stats: { ...STATS0, total: 10_000, pending: 10_000 },
      queuePaused: false,
    };
    const previewed = applyPreview(INITIAL_QUEUE, page);
    expect(previewed).toMatchObject({ order: ['x', 'y'], runOrder: ['y', 'x'], loaded: false, cursorSeq: null });
    expect(previewed.stats.total).toBe(10_000);
    const snap = applyQueueEvents(
      previewed,
      [ev(1, 'queue-snapshot', { jobs: [item('a', 1)], stats: { ...STATS0, total: 1, pending: 1 } })],
      NOW,
    );
    expect(snap.order).toEqual(['a']);
    expect(applyPreview(snap, page)).toBe(snap);
  });
});
