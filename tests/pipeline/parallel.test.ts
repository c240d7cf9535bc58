import { describe, expect, it } from 'vitest';
import { runPool, sceneParallelism, threadsPerEncoder } from '../../src-main/pipeline/parallel.js';

describe('sceneParallelism / threadsPerEncoder', () => {
  it.each([
    [0, 1, 2],
    [0, 2, 2],
    [0, 8, 4],
    [3, 8, 3],
  ])('setting %s on %s cores: %s at once', (setting, cores, expected) => {
    expect(sceneParallelism(setting, cores)).toBe(expected);
  });
  it.each([
    [2, 2, 1],
    [4, 8, 2],
    [3, 8, 3],
    [8, 2, 1],
  ])('%s encoders on %s cores: %s thread(s) each', (parallel, cores, expected) => {
    expect(threadsPerEncoder(parallel, cores)).toBe(expected);
  });
});

describe('runPool', () => {
  it('never runs more than the limit and runs every item', async () => {
    let running = 0;
    let peak = 0;
    const seen: number[] = [];
    await runPool([1, 2, 3, 4, 5, 6, 7], 3, new AbortController().signal, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setImmediate(r));
      seen.push(n);
      running--;
    });
    expect(peak).toBe(3);
    expect(seen.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('the first failure aborts the running tasks, starts no more, and is what rejects', async () => {
    const started: number[] = [];
    const abortedSeen: number[] = [];
    const run = runPool([1, 2, 3, 4], 2, new AbortController().signal, (n, signal) => {
      started.push(n);
      if (n === 1) return Promise.reject(new Error('boom'));
      return new Promise<void>((_, reject) =>
        signal.addEventListener('abort', () => {
          abortedSeen.push(n);
          reject(signal.reason);
        }),
      );
    });
    await expect(run).rejects.toThrow('boom');
    expect(started).toEqual([1, 2]);
    expect(abortedSeen).toEqual([2]);
  });

  it('an outer abort rejects with its reason', async () => {
    const controller = new AbortController();
    const run = runPool([1, 2], 1, controller.signal, (_n, signal) => {
      controller.abort('cancel');
      return Promise.reject(signal.reason);
    });
    await expect(run).rejects.toBe('cancel');
  });
});
