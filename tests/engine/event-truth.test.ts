/**
 * Events carry the truth (issue 10 §3): a job-status carries the job's row, steps, error and end
 * exactly as the engine then recorded them, a step-status the step as recorded, so a client
 * replaces what it shows and never re-derives engine rules.
 */
import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src-main/engine/engine-api.js';
import type { JobEvent } from '../../src-shared/events.js';
import { EVENT_DATA_SCHEMAS } from '../../src-shared/events.js';
import { useEngineFixture } from '../helpers/engine-fixture.js';
import { testSpec, testSteps } from '../helpers/test-steps.js';
import { waitForStatus } from '../helpers/wait.js';

const fx = useEngineFixture();

describe('events that carry the truth', () => {
  it('job-status and step-status carry the row and the steps as recorded; the last one matches the finished job', async () => {
    const engine = await fx.open({ steps: testSteps({ unitMs: 20 }) });
    const { jobId } = await engine.create(testSpec('Truth'));
    await waitForStatus(engine, jobId, 'completed');
    const events = await engine.readEvents(jobId, 0);
    // Every logged event passes the wire schema the renderer parses with.
    for (const e of events) expect(EVENT_DATA_SCHEMAS[e.type].safeParse(e.data).success).toBe(true);

    const steps = events.filter((e): e is JobEvent<'step-status'> => e.type === 'step-status');
    const work = steps.filter((e) => e.data.step === 'work');
    expect(work.map((e) => e.data.status)).toEqual(['running', 'succeeded']);
    expect(work[0]!.data).toMatchObject({
      progressPct: 0,
      endedAt: null,
      job: { status: 'running', activeSince: work[0]!.data.startedAt },
    });
    expect(work[1]!.data).toMatchObject({ progressPct: 100, startedAt: work[0]!.data.startedAt });
    expect(Date.parse(work[1]!.data.endedAt!)).toBeGreaterThanOrEqual(Date.parse(work[1]!.data.startedAt!));

    const last = events.findLast((e): e is JobEvent<'job-status'> => e.type === 'job-status')!;
    const job = engine.get(jobId)!;
    expect(last.data.status).toBe('completed');
    expect(last.data.steps).toEqual(job.steps);
    expect(last.data.endedAt).toBe(job.endedAt);
    const { jobId: _id, ...row } = last.data.job;
    expect(row).toMatchObject({
      status: 'completed',
      progressPct: 100,
      completedAt: job.completedAt,
      startedAt: job.startedAt,
      activeSince: null,
      renderSeconds: job.renderSeconds,
    });
    // Render time is the steps' own time: at least the 9 units of 20 ms, at most the wall clock.
    const wall = (Date.parse(job.completedAt!) - Date.parse(job.startedAt!)) / 1000;
    expect(job.renderSeconds).toBeGreaterThanOrEqual(0.18);
    expect(job.renderSeconds).toBeLessThanOrEqual(wall + 0.001);
  });

  it('a paused job’s status event shows the step it stopped in back to pending, as recorded', async () => {
    const engine = await fx.open({ steps: testSteps({ unitMs: 150 }) });
    const { jobId } = await engine.create(testSpec('Pause truth'));
    await waitForStatus(engine, jobId, 'running');
    const paused = new Promise<JobEvent<'job-status'>>((resolve) => {
      const off = engine.subscribe((e) => {
        if (e.jobId === jobId && e.type === 'job-status' && e.data.status === 'paused') {
          off();
          resolve(e as JobEvent<'job-status'>);
        }
      });
    });
    await engine.pause(jobId);
    const event = await paused;
    expect(event.data.job).toMatchObject({ status: 'paused', canResume: true, activeSince: null });
    expect(event.data.steps.some((s) => s.status === 'running')).toBe(false);
    expect(event.data.steps).toEqual(engine.get(jobId)!.steps);
  });

  it('the copy an event holds does not change when the job goes on', async () => {
    const engine = await fx.open({ steps: testSteps({ unitMs: 10 }) });
    const seen: EngineEvent[] = [];
    engine.subscribe((e) => seen.push(e));
    const { jobId } = await engine.create(testSpec('Copies'));
    await waitForStatus(engine, jobId, 'completed');
    const first = seen.find((e): e is JobEvent<'job-status'> => e.jobId === jobId && e.type === 'job-status')!;
    expect(first.data.status).toBe('running');
    expect(first.data.steps.every((s) => s.status !== 'succeeded')).toBe(true);
  });
});
