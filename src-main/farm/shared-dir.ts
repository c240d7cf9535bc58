import path from 'node:path';
import { folderProblem } from '../engine/folder-probe.js';

/**
 * Checks that the shared folder exists and this machine can write to it; throws a plain Error
 * of one sentence otherwise (the CLI prints it as it is). Returns the absolute path.
 */
export function checkSharedDir(dir: string): string {
  const full = path.resolve(dir);
  const problem = folderProblem(full);
  if (problem === 'missing')
    throw new Error(`The shared folder ${full} does not exist; mount it (or create it) on this machine first.`);
  if (problem === 'not-a-folder') throw new Error(`The shared folder ${full} is not a folder.`);
  if (problem === 'not-writable')
    throw new Error(`The shared folder ${full} is not writable from this machine; check its mount and permissions.`);
  return full;
}
