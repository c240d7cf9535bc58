import { describe, expect, it } from 'vitest';
import {
  ACTIVE_STATUSES,
  availableActions,
  decide,
  ENDED_STATUSES,
  FINAL_STATUSES,
  JOB_STATUSES,
  LIFECYCLE,
  type JobAction,
  type JobStatus,
} from '../../src-shared/lifecycle.js';
import { JobStatusSchema } from '../../src-shared/job.js';

/** The lifecycle as DESIGN.md draws it, written out by hand: the table must say exactly this. */
const EXPECTED: Array<[JobStatus, JobAction, JobStatus | null | string]> = [
  ['pending', 'start', 'running'],
  ['pending', 'cancel', 'canceled'],
  ['pending', 'move', 'pending'],
  ['pending', 'pause', 'JOB_NOT_PAUSABLE'],
  ['pending', 'resume', 'JOB_NOT_RESUMABLE'],
  ['pending', 'delete', 'JOB_ACTIVE'],
  ['pending', 'complete', 'INTERNAL'],
  ['running', 'complete', 'completed'],
  ['running', 'fail', 'failed'],
  ['running', 'pause', 'paused'],
  ['running', 'cancel', 'canceled'],
  ['running', 'interrupt', 'pending'],
  ['running', 'move', 'JOB_NOT_PENDING'],
  ['running', 'delete', 'JOB_ACTIVE'],
  ['running', 'start', 'INTERNAL'],
  ['paused', 'resume', 'pending'],
  ['paused', 'cancel', 'canceled'],
  ['paused', 'pause', 'JOB_NOT_PAUSABLE'],
  ['paused', 'delete', 'JOB_ACTIVE'],
  ['completed', 'delete', null],
  ['completed', 'cancel', 'JOB_NOT_CANCELABLE'],
  ['completed', 'resume', 'JOB_NOT_RESUMABLE'],
  ['failed', 'delete', null],
  ['failed', 'cancel', 'JOB_NOT_CANCELABLE'],
  ['canceled', 'delete', null],
  ['canceled', 'resume', 'JOB_NOT_RESUMABLE'],
  ['canceled', 'cancel', 'JOB_NOT_CANCELABLE'],
];

describe('lifecycle table', () => {
  it.each(EXPECTED)('%s + %s -> %s', (status, action, expected) => {
    const verdict = decide(status, action);
    expect(verdict.ok ? verdict.next : verdict.code).toBe(expected);
  });

  it('resumes a failed job only while it can resume', () => {
    expect(decide('failed', 'resume', true)).toEqual({ ok: true, next: 'pending' });
    expect(decide('failed', 'resume', false)).toEqual({ ok: false, code: 'JOB_NOT_RESUMABLE' });
  });

  it('covers every status, and the wire schema has the same statuses', () => {
    expect(Object.keys(LIFECYCLE).sort()).toEqual([...JOB_STATUSES].sort());
    expect(JobStatusSchema.options).toEqual([...JOB_STATUSES]);
  });

  it('derives the groupings from the table', () => {
    expect(ENDED_STATUSES).toEqual(['completed', 'failed', 'canceled']);
    expect(ACTIVE_STATUSES).toEqual(['pending', 'running', 'paused']);
    expect(FINAL_STATUSES).toEqual(['completed', 'canceled']);
  });

  it('tells the UI which buttons a job allows', () => {
    expect(availableActions('running', false)).toEqual({
      cancel: true,
      pause: true,
      resume: false,
      move: false,
      delete: false,
    });
    expect(availableActions('pending', false)).toMatchObject({ cancel: true, move: true, pause: false });
    expect(availableActions('failed', true)).toMatchObject({ resume: true, delete: true, cancel: false });
    expect(availableActions('failed', false)).toMatchObject({ resume: false, delete: true });
  });
});
