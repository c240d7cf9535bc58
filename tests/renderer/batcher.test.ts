import { describe, expect, it } from 'vitest';
import { createBatcher } from '../../src-renderer/sse/batcher.js';

describe('createBatcher', () => {
  it('hands the first item over at once and later ones together, at most once per interval', async () => {
    const batches: Array<{ at: number; items: number[] }> = [];
    const start = Date.now();
    let resolveAll: () => void;
    const all = new Promise<void>((resolve) => (resolveAll = resolve));
    const batcher = createBatcher<number>((items) => {
      batches.push({ at: Date.now() - start, items });
      if (items.includes(5)) resolveAll();
    }, 100);
    batcher.push(1);
    await new Promise((resolve) => setTimeout(resolve, 0));
    for (const n of [2, 3, 4, 5]) batcher.push(n);
    await all;
    expect(batches.map((b) => b.items)).toEqual([[1], [2, 3, 4, 5]]);
    expect(batches[1]!.at - batches[0]!.at).toBeGreaterThanOrEqual(95);
  });

  it('drops what is waiting when canceled', async () => {
    const seen: number[][] = [];
    const batcher = createBatcher<number>((items) => seen.push(items), 10);
    batcher.push(1);
    batcher.cancel();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(seen).toEqual([]);
  });
});
