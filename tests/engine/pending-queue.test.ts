import { describe, expect, it } from 'vitest';
import { EngineError } from '../../src-main/engine/errors.js';
import { KeyedPendingQueue, type Placement } from '../../src-main/engine/pending-queue.js';
import type { MoveRequest } from '../../src-shared/queue.js';

function queueOf(entries: Array<[string, number]>): KeyedPendingQueue {
  const queue = new KeyedPendingQueue();
  for (const [id, key] of entries) queue.insert(id, key);
  return queue;
}

/** Applies a placement as the runner does. */
function apply(queue: KeyedPendingQueue, jobId: string, placement: Placement): void {
  if (placement.kind === 'key') queue.insert(jobId, placement.key);
  else for (const { jobId: id, key } of placement.keys) queue.insert(id, key);
}

describe('KeyedPendingQueue', () => {
  it('keeps entries sorted by key, ties by id, whatever the insertion order', () => {
    const queue = queueOf([
      ['c', 30],
      ['a', 10],
      ['b2', 20],
      ['b1', 20],
    ]);
    expect(queue.ids()).toEqual(['a', 'b1', 'b2', 'c']);
    expect(queue.ids(2)).toEqual(['a', 'b1']);
    expect([queue.position('a'), queue.position('c'), queue.position('zz')]).toEqual([1, 4, null]);
    queue.insert('a', 40); // re-placing moves, never duplicates
    expect(queue.ids()).toEqual(['b1', 'b2', 'c', 'a']);
    expect(queue.remove('b1')).toBe(true);
    expect(queue.remove('b1')).toBe(false);
    expect([queue.size, queue.position('a')]).toEqual([3, 3]);
  });

  it('keeps positions right while jobs are appended, put in front and taken between lookups', () => {
    const queue = queueOf([
      ['a', 10],
      ['b', 20],
    ]);
    expect(queue.position('b')).toBe(2);
    queue.insert('c', 30); // appended: the index is kept
    expect([queue.position('a'), queue.position('c')]).toEqual([1, 3]);
    queue.insert('z', 5); // in front: everything shifts
    expect(queue.ids()).toEqual(['z', 'a', 'b', 'c']);
    expect([queue.position('z'), queue.position('a'), queue.position('c')]).toEqual([1, 2, 4]);
    queue.remove('z');
    queue.insert('d', 40);
    expect(['a', 'b', 'c', 'd'].map((id) => queue.position(id))).toEqual([1, 2, 3, 4]);
    // Taken from the front (as the runner does), appended, then taken from the middle.
    queue.remove('a');
    expect(queue.position('a')).toBeNull();
    queue.insert('e', 50);
    expect(['b', 'c', 'd', 'e'].map((id) => queue.position(id))).toEqual([1, 2, 3, 4]);
    queue.remove('d');
    expect(['b', 'c', 'e'].map((id) => queue.position(id))).toEqual([1, 2, 3]);
    expect(queue.first()).toBe('b');
  });

  it('gives a new job a key after every queued one and never behind the clock', () => {
    expect(new KeyedPendingQueue().backKey(5_000)).toBe(5_000);
    expect(queueOf([['a', 9_000]]).backKey(5_000)).toBe(10_000);
    expect(queueOf([['a', 1_000]]).backKey(5_000)).toBe(5_000);
  });

  it('returns the first eligible job without taking it', () => {
    const queue = queueOf([
      ['a', 1],
      ['b', 2],
    ]);
    expect(queue.first((id) => id !== 'a')).toBe('b');
    expect(queue.first(() => false)).toBeUndefined();
    expect(queue.size).toBe(2);
  });

  const cases: Array<[MoveRequest, string[]]> = [
    [{ to: 'top' }, ['d', 'a', 'b', 'c']],
    [{ to: 'bottom' }, ['a', 'b', 'c', 'd']],
    [{ before: 'a' }, ['d', 'a', 'b', 'c']],
    [{ before: 'c' }, ['a', 'b', 'd', 'c']],
    [{ after: 'a' }, ['a', 'd', 'b', 'c']],
    [{ after: 'c' }, ['a', 'b', 'c', 'd']],
    [{ after: 'd' }, ['a', 'b', 'c', 'd']],
  ];
  it.each(cases)('places d for %j', (request, expected) => {
    const queue = queueOf([
      ['a', 1000],
      ['b', 2000],
      ['c', 3000],
      ['d', 4000],
    ]);
    apply(queue, 'd', queue.place('d', request));
    expect(queue.ids()).toEqual(expected);
  });

  it('refuses a job or a target that is not queued with JOB_NOT_PENDING', () => {
    const queue = queueOf([['a', 1]]);
    for (const [id, request] of [
      ['x', { to: 'top' }],
      ['a', { before: 'x' }],
    ] as const) {
      const error = (() => {
        try {
          queue.place(id, request);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(EngineError);
      expect((error as EngineError).code).toBe('JOB_NOT_PENDING');
    }
  });

  it('renumbers the whole queue, keeping its order, once halving a gap runs out of precision', () => {
    const t = 1.7e12; // keys start on the millisecond clock, where a double's step is about 2^-12
    const queue = queueOf([
      ['first', t],
      ['last', t + 1000],
    ]);
    let renumbered = 0;
    const expected = ['first', 'last'];
    for (let i = 0; i < 40; i++) {
      queue.insert(`m${i}`, queue.backKey(t));
      const placement = queue.place(`m${i}`, { after: 'first' });
      if (placement.kind === 'renumber') renumbered++;
      apply(queue, `m${i}`, placement);
      expected.splice(1, 0, `m${i}`);
      expect(queue.ids()).toEqual(expected);
    }
    expect(renumbered).toBeGreaterThan(0);
    expect(renumbered).toBeLessThan(5);
  });
});
