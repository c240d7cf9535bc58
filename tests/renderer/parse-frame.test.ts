import { describe, expect, it } from 'vitest';
import { parseFrame } from '../../src-renderer/sse/parse-frame.js';
import { item, statusEv } from './fixtures.js';

const row = item('j1', 1, { status: 'running', stage: 'Voice', progressPct: 12.5 });
const status = JSON.stringify(statusEv(1, row).data);

describe('parseFrame', () => {
  it.each([
    {
      name: 'a valid frame',
      type: 'job-status',
      data: status,
      id: '1700000000000-42',
      ok: true,
      ts: 1700000000000,
      seq: 42,
    },
    { name: 'a frame without an id', type: 'job-status', data: status, id: '', ok: true, ts: 0, seq: 0 },
    { name: 'an id that is not <ms>-<seq>', type: 'job-status', data: status, id: 'abc', ok: true, ts: 0, seq: 0 },
    {
      name: 'an unknown event type',
      type: 'job-exploded',
      data: status,
      id: '1-1',
      ok: false,
      reason: /unknown event type/,
    },
    { name: 'data that is not JSON', type: 'job-status', data: '{nope', id: '1-1', ok: false, reason: /not JSON/ },
    {
      name: 'data that breaks the schema',
      type: 'job-status',
      data: JSON.stringify({ jobId: 'j1', status: 'exploded', stage: null, progressPct: 1, canResume: false }),
      id: '1-1',
      ok: false,
      reason: /job-status/,
    },
    {
      name: 'a queue snapshot',
      type: 'queue-snapshot',
      data: JSON.stringify({
        jobs: [],
        stats: { total: 0, pending: 0, running: 0, paused: 0, completed: 0, failed: 0, canceled: 0 },
      }),
      id: '5-1',
      ok: true,
      ts: 5,
      seq: 1,
    },
  ])('$name', (row) => {
    const result = parseFrame(row.type, row.data, row.id);
    expect(result.ok).toBe(row.ok);
    if (result.ok) {
      expect(result.event).toMatchObject({ type: row.type, ts: row.ts, seq: row.seq });
      expect(result.event.id).toBe(row.seq === 0 ? null : row.id);
    } else {
      expect(result.reason).toMatch(row.reason!);
    }
  });

  it('returns the data as the schema parsed it', () => {
    const result = parseFrame('job-status', status, '9-3');
    expect(result.ok && result.event.data).toEqual(JSON.parse(status));
  });
});
