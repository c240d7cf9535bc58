import { describe, expect, it } from 'vitest';
import { planGlobalStream, planJobStream, requestedLastEventId } from '../../src-main/server/stream-plan.js';

describe('planJobStream', () => {
  it.each([
    // lastEventId, ended, lastSeq → plan
    [undefined, false, 5, { kind: 'snapshot' }],
    [undefined, true, 5, { kind: 'snapshot' }],
    ['garbage', false, 5, { kind: 'snapshot' }],
    ['1700000000000-3', false, 5, { kind: 'replay', afterSeq: 3 }],
    ['0-0', false, 5, { kind: 'replay', afterSeq: 0 }],
    ['1700000000000-5', false, 5, { kind: 'replay', afterSeq: 5 }],
    ['1700000000000-3', true, 5, { kind: 'replay', afterSeq: 3 }],
    ['1700000000000-5', true, 5, { kind: 'no-content' }],
    // The ts part does not matter: the seq is the job's own, kept across restarts.
    ['1-5', true, 5, { kind: 'no-content' }],
    // Beyond the log: not an id this job sent.
    ['1700000000000-9', false, 5, { kind: 'snapshot' }],
    ['1700000000000-9', true, 5, { kind: 'snapshot' }],
  ] as const)('%j ended=%j lastSeq=%d → %j', (id, ended, lastSeq, expected) => {
    expect(planJobStream(id, { ended, lastSeq })).toEqual(expected);
  });
});

describe('planGlobalStream', () => {
  const server = { epoch: 1000, canReplayAfter: (seq: number) => seq >= 10 && seq <= 20 };
  it.each([
    [undefined, { kind: 'snapshot' }],
    ['x', { kind: 'snapshot' }],
    ['1000-15', { kind: 'replay', afterSeq: 15 }],
    ['1000-20', { kind: 'replay', afterSeq: 20 }],
    // Too old for the buffer
    ['1000-5', { kind: 'snapshot' }],
    // From the future
    ['1000-21', { kind: 'snapshot' }],
    // From before a restart (another epoch)
    ['999-15', { kind: 'snapshot' }],
  ] as const)('%j → %j', (id, expected) => {
    expect(planGlobalStream(id, server)).toEqual(expected);
  });
});

describe('requestedLastEventId', () => {
  it.each([
    ['1-2', '3-4', '1-2'],
    [undefined, '3-4', '3-4'],
    ['', '3-4', '3-4'],
    [['1-2', '5-6'], undefined, '1-2'],
    [undefined, ['3-4'], undefined],
    [undefined, '', undefined],
    [undefined, undefined, undefined],
  ] as const)('header %j, query %j → %j', (header, query, expected) => {
    expect(requestedLastEventId(header as string | string[] | undefined, query)).toBe(expected);
  });
});
