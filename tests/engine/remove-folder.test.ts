import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeFolder } from '../../src-main/engine/remove-folder.js';
import { makeTempDir } from '../helpers/temp-dir.js';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => tmp.cleanup());

describe('removeFolder (a job’s temp and proxy)', () => {
  it('removes a folder of files, one of subfolders, and nothing that is not there', async () => {
    const flat = path.join(tmp.dir, 'flat');
    fs.mkdirSync(flat);
    for (const name of ['checkpoints.jsonl', 'scene-1.mp4', 'narration-1.wav'])
      fs.writeFileSync(path.join(flat, name), name);
    await removeFolder(flat);
    expect(fs.existsSync(flat)).toBe(false);

    const deep = path.join(tmp.dir, 'deep');
    fs.mkdirSync(path.join(deep, 'pids', 'more'), { recursive: true });
    fs.writeFileSync(path.join(deep, 'pids', '123'), '');
    fs.writeFileSync(path.join(deep, 'top.txt'), '');
    await removeFolder(deep);
    expect(fs.existsSync(deep)).toBe(false);

    await expect(removeFolder(path.join(tmp.dir, 'never-was'))).resolves.toBeUndefined();
    expect(fs.readdirSync(tmp.dir)).toEqual([]);
  });

  it('lets two machines remove the same folder at once (a farm cancel: worker and coordinator)', async () => {
    for (const withSubfolder of [false, true]) {
      const dir = path.join(tmp.dir, `shared-${withSubfolder}`);
      fs.mkdirSync(path.join(dir, withSubfolder ? 'pids' : ''), { recursive: true });
      for (let i = 0; i < 20; i++) fs.writeFileSync(path.join(dir, `scene-${i}.mp4`), 'x');
      await expect(Promise.all([removeFolder(dir), removeFolder(dir)])).resolves.toBeDefined();
      expect(fs.existsSync(dir)).toBe(false);
    }
  });
});
