import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Checks that the shared folder exists and this machine can write to it; throws a plain Error
 * of one sentence otherwise (the CLI prints it as it is). Returns the absolute path.
 */
export function checkSharedDir(dir: string): string {
  const full = path.resolve(dir);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(full);
  } catch {
    throw new Error(`The shared folder ${full} does not exist; mount it (or create it) on this machine first.`);
  }
  if (!stat.isDirectory()) throw new Error(`The shared folder ${full} is not a folder.`);
  // access() says yes for root on a read-only mount: write a probe file to be sure.
  const probe = path.join(full, `.aura-probe-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
  try {
    fs.writeFileSync(probe, 'ok');
    fs.rmSync(probe, { force: true });
  } catch {
    throw new Error(`The shared folder ${full} is not writable from this machine; check its mount and permissions.`);
  }
  return full;
}
