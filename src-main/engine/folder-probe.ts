import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Writes and removes a small probe file in `dir`: the error the disk answered, or null when it
 * took the write. Only a write tells: access() says yes for root on a read-only mount.
 */
export function probeWrite(dir: string): unknown {
  const probe = path.join(dir, `.aura-probe-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
  let failure: unknown = null;
  try {
    fs.writeFileSync(probe, 'x');
  } catch (error) {
    failure = error;
  }
  try {
    fs.rmSync(probe, { force: true });
  } catch {
    // nothing was made on a disk that refused it
  }
  return failure;
}

/** Why `dir` cannot take this machine's files, or null: it is missing, not a folder, or not writable. */
export function folderProblem(dir: string): 'missing' | 'not-a-folder' | 'not-writable' | null {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch {
    return 'missing';
  }
  if (!stat.isDirectory()) return 'not-a-folder';
  return probeWrite(dir) === null ? null : 'not-writable';
}
