import { constants as osConstants, setPriority } from 'node:os';
import { execa } from 'execa';
import { StepError } from '../engine/errors.js';
import type { JobErrorCode } from '../../src-shared/job-codes.js';
import { killGroup, type ChildRegistry } from './child-registry.js';
import { createLineSplitter } from './ffmpeg-progress.js';
import { findOnPath } from './find-executable.js';

/** Options of {@link runProcess}. */
export interface RunOptions {
  /** Aborting it kills the child's whole tree at once; the run then throws the signal's reason. */
  signal?: AbortSignal;
  /** Each whole stderr line (to the job's capped log). */
  onStderrLine?: (line: string) => void;
  /** Each whole stdout line (e.g. ffmpeg `-progress pipe:1`). */
  onStdoutLine?: (line: string) => void;
  /** Keep stdout and return it. @default false */
  captureStdout?: boolean;
  /** Keep stderr and return it (probes that read `ffmpeg -i` output). @default false */
  captureStderr?: boolean;
  /** Run below normal OS priority so the desktop stays responsive. @default true */
  lowPriority?: boolean;
  /** Time between SIGTERM and SIGKILL when killing (partial output is thrown away anyway). @default 40 */
  killGraceMs?: number;
  /** Where the child's pid is recorded while it runs. */
  registry?: ChildRegistry;
  /** StepError code on a non-zero exit. @default 'PROCESS_FAILED' */
  failureCode?: JobErrorCode;
  suggestedActions?: string[];
  /** Kill and fail after this long (probes). */
  timeoutMs?: number;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  /** The last stderr lines, newest last. */
  stderrTail: string[];
}

const TAIL_LINES = 12;
/** POSIX niceness of children (what os.constants.priority.PRIORITY_BELOW_NORMAL means there). */
const NICENESS = 10;
let nicePath: Promise<string | undefined> | undefined;
const niceBinary = () => (nicePath ??= findOnPath('nice'));
const live = new Set<number>();
let exitHookInstalled = false;

/**
 * Runs a child process the way the pipeline needs: detached in its own process group (POSIX) so
 * the whole tree can be killed, at lower priority, stderr streamed, and on abort killed within
 * ~50 ms (SIGTERM, then SIGKILL). Throws the signal's reason when aborted, a StepError carrying
 * the last stderr lines when the child fails.
 */
export async function runProcess(file: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const { signal } = options;
  signal?.throwIfAborted();
  installExitHook();
  const posix = process.platform !== 'win32';
  const lowPriority = options.lowPriority ?? true;
  // Through `nice` the whole tree starts below normal priority: Linux priorities are per thread,
  // so lowering only the pid after spawn would miss threads and children already started.
  const viaNice = lowPriority && posix && (await niceBinary()) !== undefined;
  const command = viaNice
    ? ([(await niceBinary())!, ['-n', String(NICENESS), file, ...args]] as const)
    : ([file, args] as const);
  const tail: string[] = [];
  const subprocess = execa(command[0], command[1], {
    detached: posix,
    reject: false,
    stdin: 'ignore',
    windowsHide: true,
    cancelSignal: signal,
    timeout: options.timeoutMs,
    buffer: { stdout: options.captureStdout ?? false, stderr: options.captureStderr ?? false },
    encoding: 'utf8',
    stripFinalNewline: false,
  });
  // Listeners go on before the first await, so no early output is missed.
  subprocess.stderr?.setEncoding('utf8');
  subprocess.stderr?.on(
    'data',
    createLineSplitter((line) => {
      if (line.trim() === '') return;
      options.onStderrLine?.(line);
      tail.push(line);
      if (tail.length > TAIL_LINES) tail.shift();
    }),
  );
  if (options.onStdoutLine) {
    subprocess.stdout?.setEncoding('utf8');
    subprocess.stdout?.on('data', createLineSplitter(options.onStdoutLine));
  }
  const pid = subprocess.pid;
  let killTimer: NodeJS.Timeout | undefined;
  const killTree = () => {
    if (pid === undefined) return;
    if (!posix) {
      void execa('taskkill', ['/pid', String(pid), '/T', '/F'], { reject: false, windowsHide: true });
      return;
    }
    killGroup(pid, 'SIGTERM');
    killTimer = setTimeout(() => killGroup(pid, 'SIGKILL'), options.killGraceMs ?? 40);
  };
  if (pid !== undefined) {
    live.add(pid);
    if (lowPriority && !viaNice) {
      try {
        setPriority(pid, osConstants.priority.PRIORITY_BELOW_NORMAL);
      } catch {
        // Not permitted here (or already exited): priority is a courtesy, not a requirement.
      }
    }
  }
  signal?.addEventListener('abort', killTree, { once: true });
  if (pid !== undefined) await options.registry?.add(pid);
  if (signal?.aborted) killTree();

  const result = await subprocess;
  signal?.removeEventListener('abort', killTree);
  if (pid !== undefined) {
    live.delete(pid);
    await options.registry?.remove(pid);
  }
  if (result.isCanceled || signal?.aborted) {
    // Make sure nothing of the tree is left before the step reports its abort.
    if (posix && pid !== undefined) killGroup(pid, 'SIGKILL');
    if (killTimer) clearTimeout(killTimer);
    signal?.throwIfAborted();
  }
  if (killTimer) clearTimeout(killTimer);
  const stdout = typeof result.stdout === 'string' ? result.stdout : '';
  const stderr = typeof result.stderr === 'string' ? result.stderr : '';
  if (result.failed) {
    const name = file.split(/[\\/]/).pop() ?? file;
    const why = result.timedOut
      ? `timed out after ${options.timeoutMs} ms`
      : result.exitCode !== undefined
        ? `exited with code ${result.exitCode}`
        : result.signal
          ? `was killed by ${result.signal}`
          : (result.originalMessage ?? 'could not be started');
    const last = tail.slice(-4).join(' | ');
    throw new StepError(options.failureCode ?? 'PROCESS_FAILED', `${name} ${why}${last ? `: ${last}` : ''}`, {
      suggestedActions: options.suggestedActions ?? ['See the job log for the full output.'],
      cause: result,
    });
  }
  return { stdout, stderr, stderrTail: tail };
}

/** Children must never outlive the process: on exit, kill whatever is still running. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const pid of live) killGroup(pid, 'SIGKILL');
  });
}

/** How many children this process has running (tests and shutdown checks). */
export function liveChildCount(): number {
  return live.size;
}
