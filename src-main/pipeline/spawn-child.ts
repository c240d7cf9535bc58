import { spawn, type ChildProcess } from 'node:child_process';

/** How a child ended. Exactly one of `spawnError`, `exitCode`, `signal` explains it. */
export interface ChildExit {
  /** Why it could not be started (EMFILE, ENOMEM, EAGAIN, ENOENT...). */
  spawnError?: NodeJS.ErrnoException;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Options of {@link spawnChild}. */
export interface SpawnOptions {
  /** Own process group (POSIX), so the whole tree can be killed. */
  detached: boolean;
  onStdout?: (chunk: string) => void;
  onStderr?: (chunk: string) => void;
  captureStdout: boolean;
  captureStderr: boolean;
}

/** A started (or failed-to-start) child: its pid when it has one, and its end. */
export interface SpawnedChild {
  pid: number | undefined;
  exited: Promise<ChildExit>;
}

/**
 * Starts a child with stdin closed and stdout/stderr piped, and always listens for its 'error'
 * event. Why not execa here: execa 9.6 throws a TypeError when spawn fails with EMFILE (Node
 * then gives the child no stdio) and leaves that child's 'error' event unhandled, which takes
 * the whole process down. Here every way a spawn can fail ends in `exited` with `spawnError`.
 */
export function spawnChild(file: string, args: readonly string[], options: SpawnOptions): SpawnedChild {
  let child: ChildProcess;
  try {
    child = spawn(file, args, { detached: options.detached, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
  } catch (error) {
    // ENOMEM and friends are thrown synchronously.
    const exit = { spawnError: error as NodeJS.ErrnoException, exitCode: null, signal: null, stdout: '', stderr: '' };
    return { pid: undefined, exited: Promise.resolve(exit) };
  }
  let stdout = '';
  let stderr = '';
  const exited = new Promise<ChildExit>((resolve) => {
    let spawnError: NodeJS.ErrnoException | undefined;
    const finish = (exitCode: number | null, signal: NodeJS.Signals | null) =>
      resolve({ ...(spawnError ? { spawnError } : {}), exitCode, signal, stdout, stderr });
    child.on('error', (error: NodeJS.ErrnoException) => {
      spawnError ??= error;
      // A child that never started gets no 'close' when it has no stdio (EMFILE): end here.
      if (child.pid === undefined) finish(null, null);
    });
    child.on('close', (code, signal) => finish(code, signal));
  });
  child.stdout?.setEncoding('utf8');
  child.stderr?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    if (options.captureStdout) stdout += chunk;
    options.onStdout?.(chunk);
  });
  child.stderr?.on('data', (chunk: string) => {
    if (options.captureStderr) stderr += chunk;
    options.onStderr?.(chunk);
  });
  // A pipe error (EPIPE, or a reset after the child died) must not become an uncaught exception.
  child.stdout?.on('error', () => undefined);
  child.stderr?.on('error', () => undefined);
  return { pid: child.pid, exited };
}
