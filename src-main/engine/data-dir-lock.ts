import fs from 'node:fs';

/** Thrown when another engine already owns the data directory. */
export class DataDirLockedError extends Error {
  override readonly name = 'DataDirLockedError';
  readonly code = 'DATA_DIR_LOCKED';
}

/** Lock files this process holds: a lock naming our pid that is not here was left by an earlier life (pid reuse). */
const held = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes `<data>/engine.lock` for this process. A lock left by a dead process (crash, kill -9)
 * is taken over; a live owner makes this throw a DataDirLockedError with a plain message.
 */
export function acquireDataDirLock(lockFile: string, dataDir: string): { release(): void } {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(lockFile, 'wx', 0o600);
      fs.writeSync(fd, JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() }));
      fs.closeSync(fd);
      held.add(lockFile);
      return {
        release: () => {
          held.delete(lockFile);
          try {
            const owner = JSON.parse(fs.readFileSync(lockFile, 'utf8')) as { pid?: number };
            if (owner.pid === process.pid) fs.rmSync(lockFile, { force: true });
          } catch {
            // Already gone: nothing to release.
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let ownerPid: number | undefined;
    try {
      ownerPid = (JSON.parse(fs.readFileSync(lockFile, 'utf8')) as { pid?: number }).pid;
    } catch {
      ownerPid = undefined; // torn lock file: its writer died mid-write
    }
    if (ownerPid === process.pid && held.has(lockFile)) {
      throw new DataDirLockedError(`This process already runs an engine on the data folder ${dataDir}.`);
    }
    if (ownerPid !== undefined && ownerPid !== process.pid && isAlive(ownerPid)) {
      throw new DataDirLockedError(
        `Another Aura Studio engine (process ${ownerPid}) is already using the data folder ${dataDir}. ` +
          'Close it first, or choose another folder with --data-dir.',
      );
    }
    fs.rmSync(lockFile, { force: true });
  }
  throw new DataDirLockedError(`Could not take the lock on the data folder ${dataDir}; try again.`);
}
