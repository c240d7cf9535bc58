import fs from 'node:fs/promises';
import path from 'node:path';

const codeOf = (error: unknown) => (error as NodeJS.ErrnoException).code;

/**
 * Makes `dir` (and its missing parents) on the thread pool, as `fs.mkdir(dir, {recursive: true})`
 * does, but with the disk's own error: Node 20's async recursive mkdir answers ENOENT where the
 * disk said ENOSPC (a disk out of room must say so, not look like a vanished folder). Resolves
 * true when it made `dir`, false when it was already there.
 */
export async function makeFolder(dir: string): Promise<boolean> {
  try {
    await fs.mkdir(dir);
    return true;
  } catch (error) {
    if (codeOf(error) === 'EEXIST') return false;
    if (codeOf(error) !== 'ENOENT' || path.dirname(dir) === dir) throw error;
  }
  await makeFolder(path.dirname(dir));
  try {
    await fs.mkdir(dir);
    return true;
  } catch (error) {
    if (codeOf(error) === 'EEXIST') return false;
    throw error;
  }
}
