import { availableParallelism } from 'node:os';

/**
 * Scene encodes to run at once: the setting, or with 0 one per two cores (each x264 already uses
 * a few threads; more encoders than that only fight for the same cores), at least 2 so process
 * start-up and the serial parts of one encode overlap with another's.
 */
export function sceneParallelism(setting: number, cores = availableParallelism()): number {
  if (setting > 0) return setting;
  return Math.max(2, Math.floor(cores / 2));
}

/** x264 threads per encoder so that parallel encoders together use about every core. */
export function threadsPerEncoder(parallel: number, cores = availableParallelism()): number {
  return Math.max(1, Math.ceil(cores / parallel));
}

/**
 * Runs `task` on every item with at most `limit` at once. The first failure aborts the others
 * (through the signal handed to each task) and is what the returned promise rejects with.
 */
export async function runPool<T>(
  items: readonly T[],
  limit: number,
  signal: AbortSignal,
  task: (item: T, signal: AbortSignal) => Promise<void>,
): Promise<void> {
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });
  if (signal.aborted) onAbort();
  let next = 0;
  let firstError: { error: unknown } | undefined;
  const worker = async () => {
    while (!controller.signal.aborted && next < items.length) {
      const item = items[next++]!;
      try {
        await task(item, controller.signal);
      } catch (error) {
        firstError ??= { error };
        controller.abort(signal.aborted ? signal.reason : error);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
  signal.throwIfAborted();
  if (firstError) throw firstError.error;
}
