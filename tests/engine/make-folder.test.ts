import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeFolder } from '../../src-main/engine/make-folder.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { canMountTmpfs, mountTmpfs, type Tmpfs } from '../helpers/tmpfs.js';

let tmp: ReturnType<typeof makeTempDir> | undefined;
let disk: Tmpfs | undefined;
afterEach(() => {
  tmp?.cleanup();
  disk?.cleanup();
  tmp = disk = undefined;
});

describe('makeFolder', () => {
  it('makes a folder and its missing parents, and says whether it made it', async () => {
    tmp = makeTempDir();
    const nested = path.join(tmp.dir, 'a', 'b', 'c');
    expect(await makeFolder(nested)).toBe(true);
    expect(fs.statSync(nested).isDirectory()).toBe(true);
    expect(await makeFolder(nested)).toBe(false);
    expect(await makeFolder(path.join(tmp.dir, 'a'))).toBe(false);
  });

  it.skipIf(!canMountTmpfs)(
    "answers ENOSPC on a disk out of room (Node 20's async recursive mkdir says ENOENT)",
    async () => {
      disk = mountTmpfs(1, 50);
      disk.exhaustInodes();
      const target = path.join(disk.dir, 'jobs', 'one', 'artifacts');
      await expect(makeFolder(target)).rejects.toMatchObject({ code: 'ENOSPC' });
      await expect(makeFolder(path.join(disk.dir, 'flat'))).rejects.toMatchObject({ code: 'ENOSPC' });
    },
  );
});
