import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JobLogs } from '../../src-main/engine/job-log.js';
import { makeTempDir } from '../helpers/temp-dir.js';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => tmp.cleanup());

const logsWithCap = (maxBytes: number) =>
  new JobLogs(
    (jobId) => path.join(tmp.dir, `${jobId}.log`),
    () => maxBytes,
  );
const read = (jobId: string) => fs.readFileSync(path.join(tmp.dir, `${jobId}.log`), 'utf8');

describe('job logs', () => {
  it('appends every line in order, creating the file at the first one', async () => {
    const logs = logsWithCap(1 << 20);
    for (let i = 0; i < 50; i++) logs.append('a', `line ${i}`);
    logs.append('a', 'two\nlines');
    await logs.drain();
    expect(read('a').split('\n').slice(0, -1)).toEqual([
      ...Array.from({ length: 50 }, (_, i) => `line ${i}`),
      'two',
      'lines',
    ]);
    expect(logs.tail('a', 2)).toEqual(['two', 'lines']);
  });

  it('goes on from a log an earlier run left, counting its size toward the cap', async () => {
    fs.writeFileSync(path.join(tmp.dir, 'b.log'), 'x'.repeat(900) + '\n');
    const logs = logsWithCap(1000);
    logs.append('b', 'next run');
    await logs.drain();
    expect(read('b')).toBe('x'.repeat(900) + '\nnext run\n');
    logs.append('b', 'y'.repeat(120));
    await logs.drain();
    // Past the cap: the older half goes, with a note that says so, and the newest line is kept.
    const capped = read('b');
    expect(capped.startsWith('[… earlier lines removed')).toBe(true);
    expect(capped.endsWith('y'.repeat(120) + '\n')).toBe(true);
    expect(Buffer.byteLength(capped)).toBeLessThanOrEqual(1000);
  });

  it('drops a line whose folder is gone without stopping the next ones', async () => {
    const logs = new JobLogs(
      (jobId) => path.join(tmp.dir, jobId, 'job.log'),
      () => 1 << 20,
    );
    logs.append('gone', 'lost');
    await logs.drain();
    fs.mkdirSync(path.join(tmp.dir, 'gone'));
    logs.append('gone', 'kept');
    await logs.drain();
    expect(fs.readFileSync(path.join(tmp.dir, 'gone', 'job.log'), 'utf8')).toBe('kept\n');
  });
});
