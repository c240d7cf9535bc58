import { describe, expect, it } from 'vitest';
import type { EngineApi, EngineEvent, EngineListener } from '../../src-main/engine/engine-api.js';
import { EventHub } from '../../src-main/server/event-hub.js';

/** Only `subscribe` matters to the hub: a real bus of a few lines stands in for the engine's. */
function bus() {
  const listeners = new Set<EngineListener>();
  const engine = {
    subscribe(listener: EngineListener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  } as unknown as EngineApi;
  const emit = (jobId: string, seq: number, type: EngineEvent['type'] = 'job-log') =>
    listeners.forEach((l) => l({ jobId, seq, ts: seq, type, data: { jobId } } as EngineEvent));
  return { engine, emit, listeners };
}

describe('EventHub', () => {
  it('numbers events server-wide and replays the buffer; undefined when it no longer reaches back', () => {
    const { engine, emit } = bus();
    const hub = new EventHub(engine, { replaySize: 3 });
    for (let i = 1; i <= 10; i++) emit('a', i);
    expect(hub.seq).toBe(10);
    expect(hub.since(10)).toEqual([]);
    expect(hub.since(8)?.map((e) => e.seq)).toEqual([9, 10]);
    expect(hub.since(11)).toBeUndefined();
    expect(hub.since(-1)).toBeUndefined();
    // The buffer keeps at least replaySize events, at most twice that.
    expect(hub.since(7)?.map((e) => e.seq)).toEqual([8, 9, 10]);
    expect(hub.since(0)).toBeUndefined();
  });

  it('jobEventsSince answers only when the buffer holds every event after the id', () => {
    const { engine, emit } = bus();
    const hub = new EventHub(engine, { replaySize: 4 });
    emit('a', 1);
    emit('b', 1);
    emit('a', 2);
    emit('a', 3);
    emit('b', 2);
    expect(hub.jobEventsSince('a', 1)?.map((e) => e.seq)).toEqual([2, 3]);
    expect(hub.jobEventsSince('a', 0)?.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(hub.jobEventsSince('a', 3)).toEqual([]);
    expect(hub.jobEventsSince('c', 0)).toBeUndefined();
    for (let i = 3; i <= 12; i++) emit('b', i);
    // a's events were trimmed away: the caller must read the log.
    expect(hub.jobEventsSince('a', 1)).toBeUndefined();
    expect(hub.jobEventsSince('b', 10)?.map((e) => e.seq)).toEqual([11, 12]);
    expect(hub.jobEventsSince('b', 1)).toBeUndefined();
  });

  it('a throwing listener does not stop the others; close unsubscribes from the engine', () => {
    const { engine, emit, listeners } = bus();
    const hub = new EventHub(engine);
    const got: number[] = [];
    hub.subscribe(() => {
      throw new Error('broken client');
    });
    const off = hub.subscribe((entry) => got.push(entry.seq));
    const errors = console.error;
    console.error = () => undefined;
    try {
      emit('a', 1);
    } finally {
      console.error = errors;
    }
    expect(got).toEqual([1]);
    off();
    expect(hub.listenerCount).toBe(1);
    hub.close();
    expect(listeners.size).toBe(0);
    expect(hub.listenerCount).toBe(0);
  });

  it('two hubs started in the same millisecond still get different epochs', () => {
    const a = new EventHub(bus().engine);
    const b = new EventHub(bus().engine);
    expect(b.epoch).toBeGreaterThan(a.epoch);
  });
});
