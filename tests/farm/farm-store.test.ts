import { describe, expect, it } from 'vitest';
import type { JobEvent } from '../../src-shared/events.js';
import { newJobRecord } from '../../src-main/engine/job-record.js';
import { FarmConflict } from '../../src-main/farm/farm-store.js';
import { testSpec } from '../helpers/test-steps.js';
import { useFarmStore } from './farm-store-fixture.js';

const fx = useFarmStore('t');

const event = (jobId: string, seq: number): JobEvent => ({
  seq,
  ts: Date.now(),
  jobId,
  type: 'job-log',
  data: { jobId, level: 'info', message: `line ${seq}` },
});

describe('FarmStore (real redis-server)', () => {
  it('writes events under ids that carry their seq and replays exactly after any seq', async () => {
    const record = newJobRecord('job-a', testSpec(), [{ name: 'work', stage: 'Work' }], new Date().toISOString());
    record.lastEventSeq = 3;
    await fx.store.commit(
      record,
      [1, 2, 3].map((s) => event('job-a', s)),
      'new',
    );
    record.lastEventSeq = 5;
    await fx.store.commit(
      record,
      [4, 5].map((s) => event('job-a', s)),
      3,
    );
    expect((await fx.store.readEvents('job-a', 0)).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect((await fx.store.readEvents('job-a', 3)).map((e) => e.seq)).toEqual([4, 5]);
    expect(await fx.store.readEvents('job-a', 5)).toEqual([]);
    expect((await fx.redis.xrange('t:events:job-a', '-', '+')).map(([id]) => id)).toEqual([
      '1-0',
      '2-0',
      '3-0',
      '4-0',
      '5-0',
    ]);
    expect((await fx.store.load('job-a'))?.lastEventSeq).toBe(5);
  });

  it('refuses a commit whose expected seq is stale, and a second create', async () => {
    const record = newJobRecord('job-b', testSpec(), [], new Date().toISOString());
    record.lastEventSeq = 1;
    await fx.store.commit(record, [event('job-b', 1)], 'new');
    await expect(fx.store.commit(record, [event('job-b', 1)], 'new')).rejects.toBeInstanceOf(FarmConflict);
    record.lastEventSeq = 2;
    await expect(fx.store.commit(record, [event('job-b', 2)], 0)).rejects.toMatchObject({ actualLastSeq: 1 });
    expect((await fx.store.readEvents('job-b', 0)).length).toBe(1);
    const gone = newJobRecord('job-gone', testSpec(), [], new Date().toISOString());
    gone.lastEventSeq = 4;
    await expect(fx.store.commit(gone, [event('job-gone', 4)], 3)).rejects.toMatchObject({ actualLastSeq: null });
  });

  it('numbers the global entries of one commit in a row, after those of earlier commits', async () => {
    const before = await fx.store.globalSeq();
    const record = newJobRecord('job-g', testSpec(), [], new Date().toISOString());
    record.lastEventSeq = 3;
    expect(
      await fx.store.commit(
        record,
        [1, 2, 3].map((s) => event('job-g', s)),
        'new',
      ),
    ).toBe(before + 3);
    record.lastEventSeq = 4;
    expect(await fx.store.commit(record, [event('job-g', 4)], 3)).toBe(before + 4);
    expect(await fx.store.commit(record, [], 4)).toBe(before + 5);
    const entries = await fx.store.readGlobal(before);
    expect(entries.map((e) => [e.gseq - before, e.event?.seq, Boolean(e.record)])).toEqual([
      [1, 1, false],
      [2, 2, false],
      [3, 3, true],
      [4, 4, true],
      [5, undefined, true],
    ]);
    await fx.store.remove('job-g');
  });

  it('feeds the global stream in commit order with the record on the last entry, and announces deletes', async () => {
    const before = await fx.store.globalSeq();
    const record = newJobRecord('job-c', testSpec(), [], new Date().toISOString());
    record.lastEventSeq = 2;
    await fx.store.commit(record, [event('job-c', 1), event('job-c', 2)], 'new');
    await fx.store.remove('job-c');
    const entries = await fx.store.readGlobal(before);
    expect(entries.map((e) => [e.gseq - before, e.event?.seq, e.record?.jobId, e.deletedJobId])).toEqual([
      [1, 1, undefined, undefined],
      [2, 2, 'job-c', undefined],
      [3, undefined, undefined, 'job-c'],
    ]);
    expect(await fx.store.load('job-c')).toBeUndefined();
    expect(await fx.store.readEvents('job-c', 0)).toEqual([]);
  });

  it('loads every record back', async () => {
    const ids = (await fx.store.loadAll()).map((r) => r.jobId).sort();
    expect(ids).toEqual(['job-a', 'job-b']);
  });
});
