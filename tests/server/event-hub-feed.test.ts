import { describe, expect, it } from 'vitest';
import type { EngineApi, EngineEvent, EngineListener } from '../../src-main/engine/engine-api.js';
import { EventHub, type GlobalFeed } from '../../src-main/server/event-hub.js';

/** A real bus of a few lines for the hub, and a feed that numbers events as a farm's stream does (with gaps). */
function farmLike(backlogSeqs: number[], after: number) {
  const listeners = new Set<EngineListener>();
  const engine = {
    subscribe(listener: EngineListener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  } as unknown as EngineApi;
  const seqs = new WeakMap<EngineEvent, number>();
  const event = (jobSeq: number) =>
    ({ jobId: 'a', seq: jobSeq, ts: 1, type: 'job-log', data: { jobId: 'a' } }) as EngineEvent;
  const feed: GlobalFeed = {
    epoch: 1_700_000_000_000,
    seqOf: (e) => seqs.get(e),
    backlog: () => ({ after, entries: backlogSeqs.map((seq, i) => ({ seq, event: event(i + 1) })) }),
  };
  const emit = (gseq: number, jobSeq: number) => {
    const e = event(jobSeq);
    seqs.set(e, gseq);
    listeners.forEach((l) => l(e));
  };
  return { engine, feed, emit };
}

describe('EventHub with a backend feed (a render farm)', () => {
  it('takes the farm epoch, starts with the backlog and numbers by the farm-wide seq, gaps and all', () => {
    const { engine, feed, emit } = farmLike([11, 12, 15], 10);
    const hub = new EventHub(engine, { feed });
    expect(hub.epoch).toBe(1_700_000_000_000);
    expect(hub.seq).toBe(15);
    // A client of an earlier coordinator that saw up to 12 gets exactly 15, then the live ones.
    expect(hub.since(12)?.map((e) => e.seq)).toEqual([15]);
    emit(18, 4);
    emit(19, 5);
    expect(hub.seq).toBe(19);
    expect(hub.since(12)?.map((e) => e.seq)).toEqual([15, 18, 19]);
    expect(hub.since(16)?.map((e) => e.seq)).toEqual([18, 19]);
    expect(hub.since(10)?.map((e) => e.seq)).toEqual([11, 12, 15, 18, 19]);
    // Before the backlog, or from the future: a snapshot.
    expect(hub.since(9)).toBeUndefined();
    expect(hub.since(20)).toBeUndefined();
  });

  it('forgets what it trims: an id older than the ring gets a snapshot', () => {
    const { engine, feed, emit } = farmLike([], 0);
    const hub = new EventHub(engine, { feed, replaySize: 2 });
    for (let g = 1; g <= 10; g++) emit(g * 2, g);
    expect(hub.since(20)).toEqual([]);
    expect(hub.since(16)?.map((e) => e.seq)).toEqual([18, 20]);
    expect(hub.since(2)).toBeUndefined();
  });
});
