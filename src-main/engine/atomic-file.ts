import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import writeFileAtomic from 'write-file-atomic';

/*
 * Small writes (a job.json, an event line) go straight into the page cache with the synchronous
 * calls: a few microseconds each, where a round trip through libuv's thread pool costs ten times
 * that in CPU. Only the fsyncs, which wait for the disk, run on the pool, so the loop never waits.
 */

// Looked up at each call, not bound once, so a wrapper installed later (tests count fsyncs) sees them.
const fsyncFd = (fd: number) => promisify(fs.fsync)(fd);
/** fdatasyncs an open file on the thread pool. */
export const fdatasyncFd = (fd: number): Promise<void> => promisify(fs.fdatasync)(fd);

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

/** Writes a new file and fdatasyncs it (its folder's fsync makes its entry durable). */
export async function writeFileDurable(file: string, text: string): Promise<void> {
  const fd = fs.openSync(file, 'w');
  try {
    fs.writeFileSync(fd, text);
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

/** Replaces `file` atomically (temp file, rename) without fsync: what a durable log already covers. */
export function replaceFileUnsynced(file: string, text: string): void {
  const temp = `${file}.progress.tmp`;
  fs.writeFileSync(temp, text);
  fs.renameSync(temp, file);
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
