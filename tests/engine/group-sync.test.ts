import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fsyncDir } from '../../src-main/engine/atomic-file.js';
import { GroupSync } from '../../src-main/engine/group-sync.js';
import { installFsyncCounter } from '../helpers/fsync-counter.js';
import { makeTempDir } from '../helpers/temp-dir.js';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => tmp.cleanup());

describe('GroupSync', () => {
  it('covers every caller waiting at once with one fsync after the running one', async () => {
    const fsyncs = await installFsyncCounter();
    const group = new GroupSync(() => fsyncDir(tmp.dir));
    const before = fsyncs.count;
    const first = group.sync(); // starts at once
    // These ask while the first runs: their entries may be newer than it, so one more fsync covers them all.
    const waiting = Array.from({ length: 50 }, (_, i) => {
      fs.writeFileSync(path.join(tmp.dir, `entry-${i}`), '');
      return group.sync();
    });
    await Promise.all([first, ...waiting]);
    expect(fsyncs.count - before).toBe(2);
    // Once idle, a new caller gets its own fsync at once.
    await group.sync();
    expect(fsyncs.count - before).toBe(3);
  });

  it('keeps answering after an fsync fails (a folder that vanished)', async () => {
    const gone = new GroupSync(() => fsyncDir(path.join(tmp.dir, 'missing')));
    await expect(Promise.all([gone.sync(), gone.sync()])).resolves.toBeDefined();
    await expect(gone.sync()).resolves.toBeUndefined();
  });

  it('rejects every caller a failed flush was to cover, and the next flush starts afresh', async () => {
    let fail = true;
    const group = new GroupSync(() => (fail ? Promise.reject(new Error('EIO')) : Promise.resolve()));
    await expect(Promise.all([group.sync(), group.sync()])).rejects.toThrow('EIO');
    fail = false;
    await expect(group.sync()).resolves.toBeUndefined();
  });
});
