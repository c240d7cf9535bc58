import { describe, expect, it } from 'vitest';
import type { Job } from '../../src-shared/job.js';
import {
  applyDetailEvents,
  emptyDetail,
  LOG_TAIL_LINES,
  type DetailData,
} from '../../src-renderer/store/detail-reducer.js';
import { ev, item } from './fixtures.js';
import { RenderSpecSchema } from '../../src-shared/spec.js';

function job(over: Partial<Job> = {}): Job {
  return {
    ...item('j1', 1, { status: 'running', stage: 'Voice', percent: 30 }),
    progressPct: 30,
    endedAt: null,
    lastCompletedStep: 'script',
    steps: [
      {
        name: 'preflight',
        stage: 'Preflight',
        status: 'succeeded',
        progressPct: 100,
        startedAt: '2026-01-01T00:00:01.000Z',
        endedAt: '2026-01-01T00:00:02.000Z',
      },
      {
        name: 'narration',
        stage: 'Voice',
        status: 'running',
        progressPct: 20,
        startedAt: '2026-01-01T00:00:03.000Z',
        endedAt: null,
      },
      { name: 'visuals', stage: 'Visuals', status: 'pending', progressPct: 0, startedAt: null, endedAt: null },
    ],
    artifacts: [],
    error: null,
    warnings: [],
    attempts: 1,
    spec: RenderSpecSchema.parse({
      title: 'Job j1',
      script: '# A\nhello\n\n# B\nworld',
      voice: { engine: 'none', voice: 'en', rate: 170 },
      output: { width: 160, height: 90, fps: 10, quality: 'draft' },
    }),
    ...over,
  };
}

const loaded = (over: Partial<Job> = {}): DetailData => ({ ...emptyDetail('j1'), job: job(over) });

describe('applyDetailEvents', () => {
  it('waits for the fetched job before applying anything', () => {
    const d = emptyDetail('j1');
    expect(applyDetailEvents(d, [ev(1, 'job-canceled', { jobId: 'j1' })])).toBe(d);
  });

  it('follows steps: running then succeeded, with times from the events', () => {
    const t0 = Date.UTC(2026, 0, 1, 0, 0, 10);
    const d = applyDetailEvents(loaded(), [
      ev(5, 'step-status', { jobId: 'j1', step: 'narration', stage: 'Voice', status: 'succeeded' }, t0),
      ev(6, 'step-status', { jobId: 'j1', step: 'visuals', stage: 'Visuals', status: 'running' }, t0 + 1000),
      ev(
        7,
        'step-progress',
        { jobId: 'j1', step: 'visuals', stage: 'Visuals', progressPct: 50, jobProgressPct: 60, etaSeconds: 5 },
        t0 + 2000,
      ),
    ]);
    const steps = d.job!.steps;
    expect(steps[1]).toMatchObject({ status: 'succeeded', progressPct: 100, endedAt: new Date(t0).toISOString() });
    expect(steps[2]).toMatchObject({
      status: 'running',
      progressPct: 50,
      startedAt: new Date(t0 + 1000).toISOString(),
      endedAt: null,
    });
    expect(d.job!.progressPct).toBe(60);
    expect(d.thumbRevision).toBe(2);
  });

  it('is idempotent under a replay of events it has seen', () => {
    const events = [
      ev(1, 'job-log', { jobId: 'j1', level: 'info', message: 'hello' }),
      ev(2, 'warning', { jobId: 'j1', code: 'STALL_SUSPECTED', message: 'no progress for 60 s', step: 'visuals' }),
    ];
    const once = applyDetailEvents(loaded(), events);
    expect(applyDetailEvents(once, events)).toBe(once);
    expect(once.log).toEqual(['[info] hello']);
    expect(once.job!.warnings).toHaveLength(1);
  });

  it('does not repeat a warning the fetched job already lists', () => {
    const at = '2026-01-01T00:00:09.000Z';
    const d = applyDetailEvents(
      loaded({ warnings: [{ code: 'STALL_SUSPECTED', message: 'm', step: 'visuals', at }] }),
      [ev(3, 'warning', { jobId: 'j1', code: 'STALL_SUSPECTED', message: 'm', step: 'visuals' })],
    );
    expect(d.job!.warnings).toHaveLength(1);
  });

  it('keeps only the last lines of the log', () => {
    const events = Array.from({ length: LOG_TAIL_LINES + 25 }, (_, i) =>
      ev(i + 1, 'job-log', { jobId: 'j1', level: 'info', message: `line ${i}` }),
    );
    const d = applyDetailEvents(loaded(), events);
    expect(d.log).toHaveLength(LOG_TAIL_LINES);
    expect(d.log.at(-1)).toBe(`[info] line ${LOG_TAIL_LINES + 24}`);
  });

  it('shows a failure with its suggested actions, and a completion with its artifacts', () => {
    const failed = applyDetailEvents(loaded(), [
      ev(4, 'job-failed', {
        jobId: 'j1',
        step: 'narration',
        error: { code: 'TTS_FAILED', message: 'espeak died', suggestedActions: ['Install espeak-ng'] },
      }),
    ]);
    expect(failed.job).toMatchObject({
      status: 'failed',
      hasErrors: true,
      error: { code: 'TTS_FAILED', step: 'narration', suggestedActions: ['Install espeak-ng'] },
    });
    const artifact = { name: 'output.mp4', type: 'video/mp4', sizeBytes: 1234, createdAt: '2026-01-01T00:00:20.000Z' };
    const done = applyDetailEvents(loaded(), [
      ev(9, 'job-completed', { jobId: 'j1', artifacts: [artifact], outputPath: '/x/output.mp4' }),
    ]);
    expect(done.job).toMatchObject({ status: 'completed', progressPct: 100, artifacts: [artifact], artifactCount: 1 });
  });

  it('ignores other jobs and queue-level events', () => {
    const d = loaded();
    expect(
      applyDetailEvents(d, [ev(1, 'job-canceled', { jobId: 'other' }), ev(2, 'job-deleted', { jobId: 'j1' })]),
    ).toBe(d);
  });

  it('ends the running step with the job, as the engine records it (no step event is sent)', () => {
    const t = Date.UTC(2026, 0, 1, 0, 1, 0);
    const failed = applyDetailEvents(loaded(), [
      ev(
        4,
        'job-failed',
        { jobId: 'j1', step: 'narration', error: { code: 'X', message: 'x', suggestedActions: [] } },
        t,
      ),
    ]);
    expect(failed.job!.steps[1]).toMatchObject({ status: 'failed', endedAt: new Date(t).toISOString() });
    const paused = applyDetailEvents(loaded(), [
      ev(4, 'job-status', { jobId: 'j1', status: 'paused', stage: 'Voice', progressPct: 30, canResume: true }, t),
    ]);
    expect(paused.job!.steps[1]).toMatchObject({ status: 'pending', endedAt: null });
    const canceled = applyDetailEvents(loaded(), [ev(4, 'job-canceled', { jobId: 'j1' }, t)]);
    expect(canceled.job!.steps.map((s) => s.status)).toEqual(['succeeded', 'canceled', 'pending']);
  });

  it('clears the error when a failed job is resumed, so fail → resume → complete shows none', () => {
    const status = (status: 'pending' | 'running') =>
      ({ jobId: 'j1', status, stage: 'Voice', progressPct: 30, canResume: false }) as const;
    const failed = applyDetailEvents(loaded(), [
      ev(4, 'job-failed', {
        jobId: 'j1',
        step: 'narration',
        error: { code: 'TTS_FAILED', message: 'espeak died', suggestedActions: [] },
      }),
    ]);
    expect(failed.job).toMatchObject({ status: 'failed', hasErrors: true });
    const resumed = applyDetailEvents(failed, [ev(5, 'job-status', status('pending'))]);
    expect(resumed.job).toMatchObject({ status: 'pending', error: null, hasErrors: false });
    const done = applyDetailEvents(resumed, [
      ev(6, 'job-status', status('running')),
      ev(7, 'job-completed', { jobId: 'j1', artifacts: [], outputPath: '/x/output.mp4' }),
    ]);
    expect(done.job).toMatchObject({ status: 'completed', error: null, hasErrors: false });
    expect(done).toMatchObject({ cursorSeq: 7, cursorId: '1000-7' });
  });
});
