import fs from 'node:fs';

/**
 * Counts this process's fsync/fdatasync calls (callback, sync and FileHandle forms) by wrapping
 * node's fs functions: bench:engine's fsyncs per job and the durability tests. Install before the engine opens.
 */
export async function installFsyncCounter(): Promise<{ readonly count: number }> {
  const counter = { count: 0 };
  const wrap = <T extends object>(target: T, names: string[]) => {
    for (const name of names) {
      const original = (target as Record<string, unknown>)[name];
      if (typeof original !== 'function') continue;
      (target as Record<string, unknown>)[name] = function (this: unknown, ...args: unknown[]) {
        counter.count++;
        return (original as (...a: unknown[]) => unknown).apply(this, args);
      };
    }
  };
  wrap(fs, ['fsync', 'fdatasync', 'fsyncSync', 'fdatasyncSync']);
  const probe = await fs.promises.open(import.meta.filename, 'r');
  wrap(Object.getPrototypeOf(probe) as object, ['sync', 'datasync']);
  await probe.close();
  return counter;
}
