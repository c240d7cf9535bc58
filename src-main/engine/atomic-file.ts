import fs from 'node:fs';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';

/*
 * Appends to a file already open go straight into the page cache with the synchronous calls: a few
 * microseconds each, where a round trip through libuv's thread pool costs ten times that in CPU.
 * What touches a folder (creating, renaming or removing an entry) and every fsync run on the pool:
 * they wait for the file system's journal or the disk, which the loop must never wait for.
 */

// fs's functions are looked up at each call, not bound once, so a wrapper installed later (tests
// count fsyncs) sees them.
const settle =
  <T>(resolve: (value: T) => void, reject: (error: unknown) => void) =>
  (error: NodeJS.ErrnoException | null, value?: T) =>
    error ? reject(error) : resolve(value as T);
const fsyncFd = (fd: number): Promise<void> => new Promise((resolve, reject) => fs.fsync(fd, settle(resolve, reject)));
/** Opens a file on the thread pool (it may create an entry), as a plain descriptor for the sync appends. */
export const openFd = (file: string, flags: string): Promise<number> =>
  new Promise((resolve, reject) => fs.open(file, flags, settle(resolve, reject)));
/** fdatasyncs an open file on the thread pool. */
export const fdatasyncFd = (fd: number): Promise<void> =>
  new Promise((resolve, reject) => fs.fdatasync(fd, settle(resolve, reject)));

/** fsyncs a directory so a rename or a new entry in it survives power loss (no-op where unsupported). */
export async function fsyncDir(dir: string): Promise<void> {
  let fd: number;
  try {
    fd = fs.openSync(dir, 'r');
  } catch {
    return; // Windows cannot open directories; its rename is already durable enough for us.
  }
  try {
    await fsyncFd(fd);
  } catch {
    // Some file systems refuse a directory fsync (EINVAL): the entry is as durable as they allow.
  } finally {
    fs.closeSync(fd);
  }
}

/** fdatasyncs a file by name; a file that is gone is skipped (its removal is what counts). */
export async function fdatasyncFile(file: string): Promise<void> {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return;
  }
  try {
    await fdatasyncFd(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Appends `text` to an open file, all of it or nothing: a write cut short (a full disk) is cut
 * back off, so the next append starts on a clean line instead of gluing onto a torn one.
 */
export function appendAllSync(fd: number, text: string): void {
  const buffer = Buffer.from(text);
  let written = 0;
  try {
    while (written < buffer.length) written += fs.writeSync(fd, buffer, written);
  } catch (error) {
    if (written > 0) {
      try {
        fs.ftruncateSync(fd, fs.fstatSync(fd).size - written);
      } catch {
        // Start-up drops a torn last line anyway.
      }
    }
    throw error;
  }
}

/**
 * Writes a small file unsynced in one thread-pool round trip: the open (it may create the entry)
 * on the pool, the write and close synchronous (page cache), where fs.writeFile takes three trips.
 */
export async function writeSmallFile(file: string, text: string): Promise<void> {
  const fd = await openFd(file, 'w');
  try {
    fs.writeFileSync(fd, text);
  } finally {
    fs.closeSync(fd);
  }
}

/** Replaces `file` atomically (temp file, rename) without fsync: what a durable log already covers. */
export async function replaceFileUnsynced(file: string, text: string): Promise<void> {
  const temp = `${file}.progress.tmp`;
  await writeSmallFile(temp, text);
  await fs.promises.rename(temp, file);
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
    text = await fs.promises.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return JSON.parse(text);
}
