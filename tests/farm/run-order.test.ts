import { describe, expect, it } from 'vitest';
import { RunOrder } from '../../src-main/farm/run-order.js';

/** A coordinator's copy of the run order, with the records' pending set it is read against. */
function copy(pending: string[]) {
  const set = new Set(pending);
  return { set, order: new RunOrder((id) => set.has(id)) };
}

describe('RunOrder (a coordinator’s copy of the farm’s run order)', () => {
  it('takes the queue’s order as read; jobs queued after the read stay behind it, in the order they came', () => {
    const { set, order } = copy(['a', 'b', 'c']);
    for (const id of ['a', 'b', 'c']) order.queued(id);
    expect(order.ids()).toEqual(['a', 'b', 'c']);
    set.add('d');
    order.queued('d'); // created while the read below was under way
    order.replace(['c', 'a', 'b']);
    expect(order.ids()).toEqual(['c', 'a', 'b', 'd']);
    expect([order.position('c'), order.position('d'), order.position('x')]).toEqual([1, 4, null]);
    expect(order.ids(2)).toEqual(['c', 'a']);
  });

  it('a job that leaves pending is out; one that comes back (resumed) goes last', () => {
    const { set, order } = copy(['a', 'b', 'c']);
    order.replace(['a', 'b', 'c']);
    set.delete('a');
    order.left('a');
    expect(order.ids()).toEqual(['b', 'c']);
    set.add('a');
    order.queued('a');
    expect(order.ids()).toEqual(['b', 'c', 'a']);
    expect(order.size).toBe(3);
  });

  it('keeps only pending jobs from a read (BullMQ still holds a canceled job’s entry)', () => {
    const { set, order } = copy(['b']);
    order.replace(['gone', 'b', 'unknown-yet']);
    expect(order.ids()).toEqual(['b']);
    // Records reloaded: pending jobs it does not know yet join behind the others.
    set.add('e');
    set.add('a');
    order.know(['a', 'b', 'e']);
    expect(order.ids()).toEqual(['b', 'a', 'e']);
  });
});
