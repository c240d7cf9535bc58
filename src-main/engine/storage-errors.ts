import fs from 'node:fs';
import path from 'node:path';
import { EngineError, StepError } from './errors.js';

/** What a failed write says about the disk under it. */
export type StorageFault = 'DISK_FULL' | 'STORAGE_READ_ONLY';

/** A write of the engine's own (a record, an event line, settings) needs at least this much room. */
export const MIN_WRITE_BYTES = 64 * 1024;

const FAULT_OF_ERRNO: Record<string, StorageFault> = {
  ENOSPC: 'DISK_FULL',
  EDQUOT: 'DISK_FULL',
  EROFS: 'STORAGE_READ_ONLY',
  EACCES: 'STORAGE_READ_ONLY',
  EPERM: 'STORAGE_READ_ONLY',
};

/** The storage fault behind an error (looking through `cause`), or null when it is something else. */
export function storageFaultOf(
  error: unknown,
): { fault: StorageFault; path: string | undefined; errno: string } | null {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const errno = e as NodeJS.ErrnoException;
    const fault = typeof errno.code === 'string' ? FAULT_OF_ERRNO[errno.code] : undefined;
    // EACCES/EPERM only count when a file operation raised them (not a signal to another process).
    if (fault && (errno.code === 'ENOSPC' || errno.code === 'EDQUOT' || errno.code === 'EROFS' || errno.path))
      return { fault, path: errno.path, errno: errno.code! };
  }
  return null;
}

/** statfs of the disk holding `target` (its nearest existing folder); null if unknown. */
function statfsNear(target: string): fs.StatsFs | null {
  for (let dir = target; ; dir = path.dirname(dir)) {
    try {
      return fs.statfsSync(dir);
    } catch {
      if (path.dirname(dir) === dir) return null;
    }
  }
}

/** Total and free bytes (for an unprivileged writer) of the disk holding `target` (its nearest existing folder); null if unknown. */
export function diskSpaceAt(target: string): { freeBytes: number; totalBytes: number } | null {
  const s = statfsNear(target);
  return s && { freeBytes: s.bavail * s.bsize, totalBytes: s.blocks * s.bsize };
}

/** Free file entries (inodes) on the disk holding `target`; null where the file system does not count them. */
function freeInodesAt(target: string): number | null {
  const s = statfsNear(target);
  return s && s.files > 0 ? s.ffree : null;
}

/** Free bytes for an unprivileged writer on the disk holding `target`; null if unknown. */
export function freeBytesAt(target: string): number | null {
  return diskSpaceAt(target)?.freeBytes ?? null;
}

/** "1.4 MB", "12 KB", "0 B": sizes as a person reads them. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 10 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

/**
 * The EngineError a failed write in the folder `where` deserves: DISK_FULL saying how much is free
 * and needed, or STORAGE_READ_ONLY; null when the error is not about the disk.
 */
export function storageErrorOf(error: unknown, where: string, neededBytes = MIN_WRITE_BYTES): EngineError | null {
  const found = storageFaultOf(error);
  if (!found) return null;
  if (found.fault === 'DISK_FULL') {
    // A disk out of file entries (inodes) refuses new files and folders with bytes to spare.
    if (freeInodesAt(found.path ?? where) === 0)
      return new EngineError(
        'DISK_FULL',
        `The disk holding ${where} is full: it has no room left for new files or folders (every file entry is in use, though some space is free); delete files you no longer need and try again.`,
      );
    const free = freeBytesAt(found.path ?? where);
    const freeText = free === null ? 'too little space is' : `only ${formatBytes(free)} is`;
    return new EngineError(
      'DISK_FULL',
      `The disk holding ${where} is full: ${freeText} free and at least ${formatBytes(Math.max(neededBytes, (free ?? 0) + 1))} is needed; free some space and try again.`,
    );
  }
  return new EngineError(
    'STORAGE_READ_ONLY',
    `Aura Studio cannot write to ${where}: the folder is read-only (or not writable by this user); make it writable, or choose another data folder.`,
  );
}

/** Rethrows `error` as its storage EngineError (a write in the folder `where`) when it is one, else as it is. */
export function throwAsStorageError(error: unknown, where: string, neededBytes?: number): never {
  throw storageErrorOf(error, where, neededBytes) ?? error;
}

/**
 * A step's write the disk refused, as the step's failure: DISK_FULL or STORAGE_READ_ONLY saying
 * what is free, resumable once the disk is fixed; null when the error is not the disk's.
 */
export function storageStepError(error: unknown): StepError | null {
  const found = storageFaultOf(error);
  // Only what a disk says of itself: a step's EACCES or EPERM may be a file it could not read or run.
  if (!found || found.errno === 'EACCES' || found.errno === 'EPERM') return null;
  const storage = storageErrorOf(error, found.path ?? 'the data folder');
  if (!storage) return null;
  const full = storage.code === 'DISK_FULL';
  return new StepError(full ? 'DISK_FULL' : 'STORAGE_READ_ONLY', storage.message, {
    suggestedActions: [
      full ? 'Free some disk space, then resume the job.' : 'Make the folder writable, then resume the job.',
    ],
    cause: error,
  });
}
