import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import type { JobEvent } from '../../src-shared/events.js';

const CHILD = path.resolve(import.meta.dirname, 'engine-child.ts');

/**
 * Starts an engine in a child process on `dataDir` that creates one job (engine-child.ts), and
 * resolves with the first of its events matching `until`: the point a crash test kills it at.
 */
export function runChildUntil(
  dataDir: string,
  until: (e: JobEvent) => boolean,
  /** Told the process at once, so a test's clean-up can kill it even if it never gets there. */
  onSpawn: (child: ChildProcess) => void = () => undefined,
): Promise<{ child: ChildProcess; event: JobEvent }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, 'create'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  onSpawn(proc);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('child never reached the point')), 20_000);
    readline.createInterface({ input: proc.stdout! }).on('line', (line) => {
      const event = JSON.parse(line) as JobEvent;
      if (until(event)) {
        clearTimeout(timer);
        resolve({ child: proc, event });
      }
    });
    proc.on('exit', (code) => reject(new Error(`child exited early (${code})`)));
  });
}

/** kill -9, resolved once the process is gone. */
export const killHard = (proc: ChildProcess): Promise<void> =>
  new Promise<void>((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
    proc.once('exit', () => resolve());
    proc.kill('SIGKILL');
  });
