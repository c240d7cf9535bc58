import { describe, expect, it } from 'vitest';
import type { JobStatusData } from '../../src-shared/events.js';
import type { Job } from '../../src-shared/job.js';
import {
  applyDetailEvents,
  emptyDetail,
  LOG_TAIL_LINES,
  type DetailData,
} from '../../src-renderer/store/detail-reducer.js';
import { ev, item, step, stepEv } from './fixtures.js';

const T = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();
const STEPS = [
  step('preflight', { stage: 'Preflight', status: 'succeeded', progressPct: 100, startedAt: T(1), endedAt: T(2) }),
  step('narration', { stage: 'Voice', status: 'running', progressPct: 20, startedAt: T(3) }),
  step('visuals', { stage: 'Visuals' }),
];
const ROW = item('j1', 1, { status: 'running', stage: 'Voice', progressPct: 30, startedAt: T(1) });
import { RenderSpecSchema } from '../../src-shared/spec.js';

function job(over: Partial<Job> = {}): Job {
  return {
    ...ROW,
    endedAt: null,
    lastCompletedStep: 'script',
    steps: STEPS,
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

/** The job-status data the engine sends for this job state. */
function status(over: Partial<Job['steps'][number]>[] | null, row: Partial<Job>, extra: Partial<JobStatusData> = {}) {
  const r = { ...ROW, ...row };
  const steps = over ? STEPS.map((s, i) => ({ ...s, ...over[i] })) : STEPS;
  return {
    jobId: 'j1',
    status: r.status,
    stage: r.stage,
    progressPct: r.progressPct,
    canResume: r.canResume,
    job: r,
    steps,
    error: null,
    endedAt: null,
    ...extra,
  } satisfies JobStatusData;
}

const loaded = (over: Partial<Job> = {}): DetailData => ({ ...emptyDetail('j1'), job: job(over) });

describe('applyDetailEvents', () => {
  it('waits for the fetched job before applying anything', () => {
    const d = emptyDetail('j1');
    expect(applyDetailEvents(d, [ev(1, 'job-canceled', { jobId: 'j1' })])).toBe(d);
  });

  it('takes each step as the engine recorded it, and the step progress on top', () => {
    const narrationDone = step('narration', {
      stage: 'Voice',
      status: 'succeeded',
      progressPct: 100,
      startedAt: T(3),
      endedAt: T(10),
    });
    const visualsRunning = step('visuals', { stage: 'Visuals', status: 'running', startedAt: T(11) });
    const d = applyDetailEvents(
      loaded(),
      [
        stepEv(5, ROW, narrationDone),
        stepEv(6, { ...ROW, stage: 'Visuals', activeSince: T(11) }, visualsRunning),
        ev(7, 'step-progress', {
          jobId: 'j1',
          step: 'visuals',
          stage: 'Visuals',
          progressPct: 50,
          jobProgressPct: 60,
          etaSeconds: 5,
          message: 'Scene 1 of 2 done',
        }),
      ],
      9000,
    );
    expect(d.job!.steps[1]).toEqual(narrationDone);
    expect(d.job!.steps[2]).toEqual({ ...visualsRunning, progressPct: 50 });
    expect(d.job).toMatchObject({ progressPct: 60, stage: 'Visuals', activeSince: T(11) });
    expect(d.message).toBe('Scene 1 of 2 done');
    expect(d.eta).toEqual({ seconds: 5, at: 9000 });
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
    const d = applyDetailEvents(
      loaded({ warnings: [{ code: 'STALL_SUSPECTED', message: 'm', step: 'visuals', at: T(9) }] }),
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

  it('shows a failure as its status event carries it (error, steps, end), and a completion with its artifacts', () => {
    const error = {
      code: 'TTS_FAILED',
      message: 'espeak died',
      step: 'narration',
      suggestedActions: ['Install espeak-ng'],
      logTail: ['espeak: boom'],
    };
    const failed = applyDetailEvents(loaded(), [
      ev(
        4,
        'job-status',
        status(
          [{}, { status: 'failed', endedAt: T(20) }, {}],
          { status: 'failed', hasErrors: true, canResume: true },
          {
            error,
            endedAt: T(20),
          },
        ),
      ),
      ev(5, 'job-failed', { jobId: 'j1', step: 'narration', error }),
    ]);
    expect(failed.job).toMatchObject({ status: 'failed', hasErrors: true, error, endedAt: T(20) });
    expect(failed.job!.steps[1]).toMatchObject({ status: 'failed', endedAt: T(20) });
    const artifact = { name: 'output.mp4', type: 'video/mp4', sizeBytes: 1234, createdAt: T(20) };
    const done = applyDetailEvents(loaded(), [
      ev(8, 'job-status', status(null, { status: 'completed', progressPct: 100, artifactCount: 1 })),
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

  it('a pause shows the steps as the engine recorded them, and stops the clock and the step message', () => {
    const running = applyDetailEvents(
      loaded(),
      [
        ev(3, 'step-progress', {
          jobId: 'j1',
          step: 'narration',
          stage: 'Voice',
          progressPct: 40,
          jobProgressPct: 35,
          etaSeconds: 9,
          message: 'Scene 1 of 2',
        }),
      ],
      100,
    );
    expect(running.message).toBe('Scene 1 of 2');
    const paused = applyDetailEvents(running, [
      ev(
        4,
        'job-status',
        status([{}, { status: 'pending', endedAt: null }, {}], { status: 'paused', canResume: true }),
      ),
    ]);
    expect(paused.job!.steps[1]).toMatchObject({ status: 'pending', startedAt: T(3), endedAt: null });
    expect(paused).toMatchObject({ message: null, eta: null });
  });

  it('clears the error when a failed job is resumed, as its status event says', () => {
    const error = { code: 'X', message: 'x', step: 'narration', suggestedActions: [], logTail: [] };
    const failed = applyDetailEvents(loaded(), [
      ev(4, 'job-status', status(null, { status: 'failed', hasErrors: true }, { error })),
    ]);
    expect(failed.job).toMatchObject({ status: 'failed', hasErrors: true, error });
    const resumed = applyDetailEvents(failed, [ev(5, 'job-status', status(null, { status: 'pending' }))]);
    expect(resumed.job).toMatchObject({ status: 'pending', error: null, hasErrors: false });
    expect(resumed).toMatchObject({ cursorSeq: 5, cursorId: '1000-5' });
  });
});
