import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { childPidsDir } from '../engine/child-pids.js';

/**
 * Pid files of the children a job has running, under `<temp>/pids/`. A crash or kill -9 of the
 * app leaves detached children behind; the next attempt's preflight reaps them from here, so an
 * orphaned encoder never writes into a scene the new attempt is making.
 */
export class ChildRegistry {
  readonly #dir: string;
  /** Text every command of this job carries in its arguments (the job's temp dir). */
  readonly #marker: string;

  constructor(tempDir: string) {
    this.#dir = childPidsDir(tempDir);
    this.#marker = tempDir;
  }

  /** Records a running child (best effort: a failed write must not fail the render). */
  async add(pid: number): Promise<void> {
    await mkdir(this.#dir, { recursive: true });
    await writeFile(join(this.#dir, String(pid)), this.#marker).catch(() => undefined);
  }

  async remove(pid: number): Promise<void> {
    await rm(join(this.#dir, String(pid)), { force: true });
  }

  /** Kills every recorded child still alive whose command line names this job; returns how many. */
  async reapOrphans(): Promise<number> {
    let names: string[];
    try {
      names = await readdir(this.#dir);
    } catch {
      return 0;
    }
    let reaped = 0;
    for (const name of names) {
      const pid = Number(name);
      if (Number.isInteger(pid) && pid > 0 && (await commandLineOf(pid))?.includes(this.#marker)) {
        killGroup(pid, 'SIGKILL');
        reaped++;
      }
      await rm(join(this.#dir, name), { force: true });
    }
    return reaped;
  }
}

/** A live process's command line (Linux /proc); undefined when gone or not knowable here. */
export async function commandLineOf(pid: number): Promise<string | undefined> {
  if (process.platform !== 'linux') return undefined;
  try {
    return (await readFile(`/proc/${pid}/cmdline`, 'utf8')).replaceAll('\0', ' ');
  } catch {
    return undefined;
  }
}

/** Signals a child's whole process group (POSIX; the child was spawned detached as its leader). */
export function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // Already gone.
    }
  }
}

/**
 * Pids of live processes (other than this one) whose command line contains `text`: how tests and
 * benchmarks prove no child of a job survived. Linux only (/proc); elsewhere always empty.
 */
export function processesMentioning(text: string): number[] {
  if (process.platform !== 'linux') return [];
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      // A zombie's command line is empty: it is dead, only not yet reaped by its parent.
      if (readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' ').includes(text)) pids.push(Number(name));
    } catch {
      // Exited while scanning.
    }
  }
  return pids;
}
