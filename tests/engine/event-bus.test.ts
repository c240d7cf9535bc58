import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src-main/engine/engine-api.js';
import { EventBus } from '../../src-main/engine/event-bus.js';

const status = (jobId: string): EngineEvent =>
  ({ seq: 1, ts: 1, jobId, type: 'job-deleted', data: { jobId } }) as EngineEvent;

describe('EventBus.next', () => {
  it('resolves with the first matching event and leaves the bus, or undefined when none comes in time', async () => {
    const bus = new EventBus();
    const next = bus.next((e) => e.jobId === 'b', 1000);
    bus.emit(status('a'));
    bus.emit(status('b'));
    await expect(next).resolves.toMatchObject({ jobId: 'b' });
    expect(bus.listenerCount).toBe(0);
    await expect(bus.next(() => false, 10)).resolves.toBeUndefined();
    expect(bus.listenerCount).toBe(0);
  });
});
