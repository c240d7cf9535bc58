import fs from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';

/** fsyncs a directory so a rename or a new entry in it survives power loss (no-op where unsupported). */
export async function fsyncDir(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // Windows cannot open directories; its rename is already durable enough for us.
  } finally {
    await handle?.close();
  }
}

/** Replaces `file` atomically and durably: temp file, fsync, rename, fsync dir. */
export async function writeJsonAtomic(file: string, value: unknown, mode?: number): Promise<void> {
  await writeFileAtomic(file, JSON.stringify(value, null, 1) + '\n', { fsync: true, ...(mode ? { mode } : {}) });
  await fsyncDir(path.dirname(file));
}

/** Reads and parses a JSON file; `undefined` when absent, throws on unreadable or corrupt content. */
export async function readJsonIfExists(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return JSON.parse(text);
}
