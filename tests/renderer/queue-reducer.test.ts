import { describe, expect, it } from 'vitest';
import { addJob, applyPreview, applyQueueEvents } from '../../src-renderer/store/queue-reducer.js';
import { INITIAL_QUEUE, type QueueData } from '../../src-renderer/store/queue-state.js';
import { ev, item, STATS0 } from './fixtures.js';

const NOW = 5_000_000;

function snapshotOf(seq: number, ts = 1000): QueueData {
  const jobs = [item('a', 1), item('b', 2, { status: 'running', stage: 'Visuals', percent: 40 }), item('c', 3)];
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
  it('takes a snapshot as the whole queue, newest first, with its stats and cursor', () => {
    const s = snapshotOf(7);
    expect(s.loaded).toBe(true);
    expect(s.order).toEqual(['c', 'b', 'a']);
    expect(s.stats).toMatchObject({ total: 3, pending: 2, running: 1 });
    expect(s.cursorSeq).toBe(7);
    expect(s.lastEventId).toBe('1000-7');
  });

  it('drops replayed duplicates: applying the same events twice changes nothing', () => {
    const events = [progress(8, 'b', 50), ev(9, 'job-created', { job: item('d', 4) }), progress(10, 'b', 60)];
    const once = applyQueueEvents(snapshotOf(7), events, NOW);
    const twice = applyQueueEvents(once, events, NOW);
    expect(twice).toBe(once);
    expect(once.jobs.get('b')?.percent).toBe(60);
    expect(once.order).toEqual(['d', 'c', 'b', 'a']);
    expect(once.stats.total).toBe(4);
  });

  it('drops an event that arrives after a later one (lower seq)', () => {
    const s = applyQueueEvents(snapshotOf(7), [progress(9, 'b', 70), progress(8, 'b', 55)], NOW);
    expect(s.jobs.get('b')?.percent).toBe(70);
    expect(s.cursorSeq).toBe(9);
  });

  it.each([
    {
      name: 'progress never goes backwards within a run',
      events: [progress(8, 'b', 80), progress(9, 'b', 60)],
      expectB: { status: 'running', percent: 80 },
    },
    {
      name: 'late progress after completion does not reopen the job',
      events: [
        ev(8, 'job-completed', { jobId: 'b', artifacts: [], outputPath: null }),
        progress(9, 'b', 90),
        ev(10, 'job-status', { jobId: 'b', status: 'running', stage: 'Render', progressPct: 95, canResume: false }),
      ],
      expectB: { status: 'completed', percent: 100 },
    },
    {
      name: 'canceled is final',
      events: [
        ev(8, 'job-canceled', { jobId: 'b' }),
        ev(9, 'job-status', { jobId: 'b', status: 'paused', stage: null, progressPct: 40, canResume: true }),
      ],
      expectB: { status: 'canceled', canResume: false },
    },
    {
      name: 'stale progress for a paused job is ignored',
      events: [
        ev(8, 'job-status', { jobId: 'b', status: 'paused', stage: 'Visuals', progressPct: 45, canResume: true }),
        progress(9, 'b', 50),
      ],
      expectB: { status: 'paused', percent: 45, etaSeconds: null },
    },
    {
      name: 'a failed job can be resumed (failed is not final)',
      events: [
        ev(8, 'job-failed', {
          jobId: 'b',
          step: 'visuals',
          error: { code: 'STALLED', message: 'stalled', suggestedActions: [] },
        }),
        ev(9, 'job-status', { jobId: 'b', status: 'pending', stage: null, progressPct: 40, canResume: false }),
      ],
      expectB: { status: 'pending', hasErrors: false },
    },
  ])('$name', ({ events, expectB }) => {
    const s = applyQueueEvents(snapshotOf(7), events, NOW);
    expect(s.jobs.get('b')).toMatchObject(expectB);
  });

  it('takes the artifacts of job-completed even when the completed status came first', () => {
    const artifact = { name: 'output.mp4', type: 'video/mp4', sizeBytes: 10, createdAt: '2026-01-01T00:00:00.000Z' };
    const s = applyQueueEvents(
      snapshotOf(7),
      [
        ev(8, 'job-status', { jobId: 'b', status: 'completed', stage: 'Render', progressPct: 100, canResume: false }),
        ev(9, 'job-completed', { jobId: 'b', artifacts: [artifact], outputPath: '/o.mp4' }),
      ],
      NOW,
    );
    expect(s.jobs.get('b')).toMatchObject({ status: 'completed', artifactCount: 1, percent: 100 });
    expect(s.stats.completed).toBe(1);
  });

  it('stamps times with the client clock: a global id carries the server run, not the event time', () => {
    const s = applyQueueEvents(
      snapshotOf(7),
      [
        ev(
          8,
          'job-status',
          { jobId: 'a', status: 'running', stage: 'Preflight', progressPct: 0, canResume: false },
          1000,
        ),
      ],
      NOW,
    );
    expect(s.jobs.get('a')?.startedAt).toBe(new Date(NOW).toISOString());
  });

  it('keeps the per-status counts in step with status changes', () => {
    const s = applyQueueEvents(
      snapshotOf(7),
      [
        ev(8, 'job-completed', { jobId: 'b', artifacts: [], outputPath: null }),
        ev(9, 'job-status', { jobId: 'a', status: 'running', stage: 'Preflight', progressPct: 0, canResume: false }),
        ev(10, 'job-deleted', { jobId: 'c' }),
      ],
      NOW,
    );
    expect(s.stats).toEqual({ ...STATS0, total: 2, running: 1, completed: 1 });
    expect(s.order).toEqual(['b', 'a']);
  });

  it('ignores events of jobs it does not know', () => {
    const before = snapshotOf(7);
    const after = applyQueueEvents(before, [progress(8, 'zzz', 10)], NOW);
    expect(after.jobs).toBe(before.jobs);
    expect(after.cursorSeq).toBe(8);
  });

  it('after a reconnect to a restarted server, the new snapshot replaces everything and resets the cursor', () => {
    const before = applyQueueEvents(snapshotOf(7, 1000), [progress(50, 'b', 90)], NOW);
    expect(before.cursorSeq).toBe(50);
    // New server run (epoch 2000): seq starts again; b finished meanwhile, a was deleted, e is new.
    const jobs = [item('b', 2, { status: 'completed', percent: 100, artifactCount: 1 }), item('c', 3), item('e', 5)];
    const after = applyQueueEvents(
      before,
      [
        ev(3, 'queue-snapshot', { jobs, stats: { ...STATS0, total: 3, pending: 2, completed: 1 } }, 2000),
        ev(
          4,
          'job-status',
          { jobId: 'c', status: 'running', stage: 'Preflight', progressPct: 0, canResume: false },
          2000,
        ),
      ],
      NOW,
    );
    expect(after.order).toEqual(['e', 'c', 'b']);
    expect(after.jobs.has('a')).toBe(false);
    expect(after.jobs.get('b')).toMatchObject({ status: 'completed', percent: 100 });
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
    expect(bBefore?.percent).toBe(40);
    expect(before.order).toEqual(['c', 'b', 'a']);
    // Rows nothing touched keep their object, so their components do not re-render.
    expect(after.jobs.get('a')).toBe(jobsBefore.get('a'));
  });

  it('bumps listEpoch for status and order changes only, not for progress', () => {
    const s0 = snapshotOf(7);
    const s1 = applyQueueEvents(s0, [progress(8, 'b', 60)], NOW);
    expect(s1.listEpoch).toBe(s0.listEpoch);
    const s2 = applyQueueEvents(s1, [ev(9, 'job-canceled', { jobId: 'b' })], NOW);
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
    expect(previewed).toMatchObject({ order: ['x', 'y'], loaded: false, cursorSeq: null });
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
