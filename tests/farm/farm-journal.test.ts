import fs from 'node:fs/promises';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { newJobRecord, type JobRecord } from '../../src-main/engine/job-record.js';
import type { PendingEvent } from '../../src-main/engine/journal.js';
import { FarmJournal } from '../../src-main/farm/farm-journal.js';
import { testSpec } from '../helpers/test-steps.js';
import { useFarmStore } from './farm-store-fixture.js';
import { waitUntil } from '../helpers/wait.js';

const fx = useFarmStore('j');

const log = (jobId: string, message: string): PendingEvent => ({
  type: 'job-log',
  data: { jobId, level: 'info', message },
});

/** A created job and the global seq its creation ended on. */
async function created(journal: FarmJournal, jobId: string): Promise<{ record: JobRecord; after: number }> {
  const record = newJobRecord(jobId, testSpec(), [], new Date().toISOString());
  await journal.create(record, [log(jobId, 'created')]);
  return { record, after: await fx.store.globalSeq() };
}

/** How many writes (global entries carrying a record) the job got after global seq `after`. */
async function writesAfter(after: number): Promise<number> {
  return (await fx.store.readGlobal(after)).filter((e) => e.record).length;
}

describe('FarmJournal (real redis-server)', () => {
  it('sends the none commits of quick steps with the transition that follows them, in one write', async () => {
    const journal = new FarmJournal(fx.store);
    const { record, after } = await created(journal, 'batch-a');
    for (let i = 0; i < 5; i++) {
      void journal.commit(record, [log('batch-a', `step ${i}`)], 'none');
      await fs.stat(os.tmpdir()); // a quick step: a trip through the thread pool between its commits
    }
    await journal.commit(record, [log('batch-a', 'done')], 'log');
    expect(await writesAfter(after)).toBe(1);
    expect((await fx.store.readEvents('batch-a', 0)).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect((await fx.store.load('batch-a'))?.lastEventSeq).toBe(7);
  });

  it('sends a none commit on its own after a moment, without waiting for another commit', async () => {
    const journal = new FarmJournal(fx.store);
    const heard: number[] = [];
    journal.subscribe((e) => heard.push(e.seq));
    const { record } = await created(journal, 'batch-b');
    await journal.commit(record, [log('batch-b', 'progress')], 'none');
    await waitUntil('the none commit is in Redis', async () => (await fx.store.load('batch-b'))?.lastEventSeq === 2);
    await waitUntil('its subscribers hear it', () => heard.includes(2));
  });

  it('runs afterWrites and drain after the commits it holds', async () => {
    const journal = new FarmJournal(fx.store);
    const { record } = await created(journal, 'batch-c');
    void journal.commit(record, [log('batch-c', 'held')], 'none');
    const seen = await journal.afterWrites('batch-c', async () => (await fx.store.load('batch-c'))?.lastEventSeq);
    expect(seen).toBe(2);
    void journal.commit(record, [log('batch-c', 'held too')], 'none');
    await journal.drain();
    expect((await fx.store.load('batch-c'))?.lastEventSeq).toBe(3);
  });
});
