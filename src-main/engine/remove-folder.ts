import type { Dirent } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';

const codeOf = (error: unknown) => (error as NodeJS.ErrnoException).code;

/**
 * Removes a folder as `fs.rm(dir, {recursive, force})` does, in fewer thread-pool round trips for
 * the usual case, a folder of plain files (a job's temp: its checkpoints, its step outputs): one
 * listing, the files unlinked at once, one rmdir (fs.rm takes about seven). Subfolders, or a file
 * that appears meanwhile, are left to fs.rm.
 */
export async function removeFolder(dir: string): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return;
    throw error;
  }
  if (entries.some((e) => e.isDirectory())) return fs.rm(dir, { recursive: true, force: true });
  await Promise.all(
    entries.map((e) =>
      fs.unlink(path.join(dir, e.name)).catch((error: unknown) => {
        if (codeOf(error) !== 'ENOENT') throw error;
      }),
    ),
  );
  try {
    await fs.rmdir(dir);
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return;
    if (codeOf(error) === 'ENOTEMPTY' || codeOf(error) === 'EEXIST')
      return fs.rm(dir, { recursive: true, force: true });
    throw error;
  }
}
