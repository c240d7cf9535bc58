import { describe, expect, it } from 'vitest';
import { EngineError } from '../../src-main/engine/errors.js';
import { newJobRecord, type JobRecord } from '../../src-main/engine/job-record.js';
import { transition } from '../../src-main/engine/job-transition.js';
import { testSpec } from '../helpers/test-steps.js';

const T0 = '2026-01-01T00:00:00.000Z';
const T1 = '2026-01-01T00:01:00.000Z';
const fresh = (): JobRecord => newJobRecord('job-1', testSpec(), [{ name: 'work', stage: 'Work' }], T0);
const error = { code: 'ENCODE_FAILED', message: 'ffmpeg failed', step: 'work', suggestedActions: [], logTail: [] };

describe('transition', () => {
  it('sets the fields that go with each status', () => {
    const r = transition(fresh(), 'start', {}, T0);
    expect(r).toMatchObject({ status: 'running', startedAt: T0, attempts: 1, canResume: false });
    transition(r, 'pause', { resumeOnStart: true }, T1);
    expect(r).toMatchObject({ status: 'paused', canResume: true, resumeOnStart: true, endedAt: null });
    transition(r, 'resume', { queueKey: 42 }, T1);
    expect(r).toMatchObject({ status: 'pending', resumeOnStart: false, queueKey: 42, error: null });
    transition(r, 'start', {}, T1);
    expect(r).toMatchObject({ startedAt: T0, attempts: 2 }); // the first start is kept
    transition(r, 'complete', {}, T1);
    expect(r).toMatchObject({ status: 'completed', completedAt: T1, endedAt: T1, progressPct: 100 });
  });

  it('records a failure with its error and resumability, and a cancel with its time', () => {
    const failed = transition(transition(fresh(), 'start', {}, T0), 'fail', { error, canResume: true }, T1);
    expect(failed).toMatchObject({ status: 'failed', endedAt: T1, canResume: true, error });
    transition(failed, 'resume', {}, T1);
    expect(failed).toMatchObject({ status: 'pending', error: null, endedAt: null });
    const canceled = transition(fresh(), 'cancel', {}, T1);
    expect(canceled).toMatchObject({ status: 'canceled', canceledAt: T1, endedAt: T1, canResume: false });
  });

  it('refuses what the table forbids with its code, and changes nothing', () => {
    const r = transition(transition(fresh(), 'start', {}, T0), 'complete', {}, T1);
    const before = structuredClone(r);
    for (const [action, code] of [
      ['cancel', 'JOB_NOT_CANCELABLE'],
      ['pause', 'JOB_NOT_PAUSABLE'],
      ['resume', 'JOB_NOT_RESUMABLE'],
      ['start', 'INTERNAL'],
    ] as const) {
      let thrown: unknown;
      try {
        transition(r, action, action === 'pause' ? { resumeOnStart: false } : {});
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(EngineError);
      expect((thrown as EngineError).code).toBe(code);
    }
    expect(r).toEqual(before);
    const notResumable = transition(transition(fresh(), 'start', {}), 'fail', { error, canResume: false });
    expect(() => transition(notResumable, 'resume', {})).toThrow(/cannot resume/);
  });
});
