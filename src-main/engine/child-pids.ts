import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Where a job's running child processes are recorded (one empty file per pid): the pipeline's
 * ChildRegistry writes it, the engine's stall diagnosis reads it. It lives in the engine so the
 * engine never imports the pipeline.
 */
export const childPidsDir = (tempDir: string): string => join(tempDir, 'pids');

/**
 * Pids a job's registry holds right now (read-only). A pid file may outlive its process for a
 * moment: callers check that the process is still there.
 */
export async function registeredChildPids(tempDir: string): Promise<number[]> {
  const names = await readdir(childPidsDir(tempDir)).catch(() => [] as string[]);
  return names.map(Number).filter((pid) => Number.isInteger(pid) && pid > 0);
}
