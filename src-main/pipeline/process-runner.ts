import { constants as osConstants, setPriority } from 'node:os';
import { StepError } from '../engine/errors.js';
import type { JobErrorCode } from '../../src-shared/job-codes.js';
import { killGroup, type ChildRegistry } from './child-registry.js';
import { createLineSplitter } from './ffmpeg-progress.js';
import { findOnPath } from './find-executable.js';
import { spawnChild } from './spawn-child.js';

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
/** What ffmpeg (and most tools) print when a write fails for want of space. */
const DISK_FULL_LINE = /No space left on device|ENOSPC/i;
/** Spawn errors that pass: the machine is short of file handles, memory or processes right now. */
const TRANSIENT_SPAWN = new Set(['EMFILE', 'ENFILE', 'ENOMEM', 'EAGAIN']);
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
  const stderrLines = createLineSplitter((line) => {
    if (line.trim() === '') return;
    options.onStderrLine?.(line);
    tail.push(line);
    if (tail.length > TAIL_LINES) tail.shift();
  });
  const child = spawnChild(command[0], command[1], {
    detached: posix,
    captureStdout: options.captureStdout ?? false,
    captureStderr: options.captureStderr ?? false,
    onStderr: stderrLines,
    ...(options.onStdoutLine ? { onStdout: createLineSplitter(options.onStdoutLine) } : {}),
  });
  const { pid } = child;
  let killTimer: NodeJS.Timeout | undefined;
  const killTree = () => {
    if (pid === undefined) return;
    if (!posix) {
      // Fire and forget; a failure to start taskkill is reported by nothing but must not throw.
      spawnChild('taskkill', ['/pid', String(pid), '/T', '/F'], {
        detached: false,
        captureStdout: false,
        captureStderr: false,
      });
      return;
    }
    killGroup(pid, 'SIGTERM');
    killTimer = setTimeout(() => killGroup(pid, 'SIGKILL'), options.killGraceMs ?? 40);
  };
  let timedOut = false;
  const timeout =
    options.timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          killTree();
        }, options.timeoutMs);
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
  // The registry only helps reap orphans after a crash: a failed write (EMFILE) must not fail the run.
  if (pid !== undefined) await options.registry?.add(pid).catch(() => undefined);
  if (signal?.aborted) killTree();

  const result = await child.exited;
  signal?.removeEventListener('abort', killTree);
  if (timeout) clearTimeout(timeout);
  if (pid !== undefined) {
    live.delete(pid);
    await options.registry?.remove(pid).catch(() => undefined);
  }
  if (signal?.aborted) {
    // Make sure nothing of the tree is left before the step reports its abort.
    if (posix && pid !== undefined) killGroup(pid, 'SIGKILL');
    if (killTimer) clearTimeout(killTimer);
    signal.throwIfAborted();
  }
  if (killTimer) clearTimeout(killTimer);
  const name = file.split(/[\\/]/).pop() ?? file;
  if (result.spawnError) throw spawnFailure(name, result.spawnError);
  const { stdout, stderr } = result;
  if (timedOut || result.exitCode !== 0) {
    const why = timedOut
      ? `timed out after ${options.timeoutMs} ms`
      : result.exitCode !== null
        ? `exited with code ${result.exitCode}`
        : `was killed by ${result.signal}`;
    const last = tail.slice(-4).join(' | ');
    const diskFull = tail.some((line) => DISK_FULL_LINE.test(line));
    throw new StepError(
      diskFull ? 'DISK_FULL' : (options.failureCode ?? 'PROCESS_FAILED'),
      `${name} ${why}${last ? `: ${last}` : ''}`,
      {
        suggestedActions: diskFull
          ? ['Free some disk space, then resume the job.']
          : (options.suggestedActions ?? ['See the job log for the full output.']),
        cause: result,
      },
    );
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

/** A child that could not be started: SPAWN_FAILED, resumable when the cause is a passing shortage. */
function spawnFailure(name: string, error: NodeJS.ErrnoException): StepError {
  const transient = error.code !== undefined && TRANSIENT_SPAWN.has(error.code);
  const why = error.code === 'EMFILE' || error.code === 'ENFILE' ? 'too many open files' : error.message;
  return new StepError('SPAWN_FAILED', `${name} could not be started: ${why} (${error.code ?? 'unknown'})`, {
    suggestedActions: transient
      ? ['The machine is short of resources right now: close some programs or wait a moment, then resume the job.']
      : ['Check that the program exists and may be run, then resume the job.'],
    retryable: true,
    cause: error,
  });
}
