import { describe, expect, it } from 'vitest';
import { aggregateProgress, NO_PROGRESS } from '../../src-main/electron/progress-aggregate.js';

describe('aggregateProgress', () => {
  it.each<[string, Array<{ status: string; percent: number }>, number]>([
    ['an empty queue', [], NO_PROGRESS],
    [
      'nothing running',
      [
        { status: 'pending', percent: 0 },
        { status: 'completed', percent: 100 },
      ],
      NO_PROGRESS,
    ],
    ['paused work only', [{ status: 'paused', percent: 40 }], NO_PROGRESS],
    ['one job at 0', [{ status: 'running', percent: 0 }], 0],
    ['one job half way', [{ status: 'running', percent: 50 }], 0.5],
    [
      'the mean of running jobs',
      [
        { status: 'running', percent: 20 },
        { status: 'running', percent: 60 },
      ],
      0.4,
    ],
    [
      'others ignored',
      [
        { status: 'running', percent: 30 },
        { status: 'completed', percent: 100 },
        { status: 'failed', percent: 70 },
        { status: 'pending', percent: 0 },
      ],
      0.3,
    ],
    ['clamped above 100', [{ status: 'running', percent: 250 }], 1],
    [
      'clamped below 0',
      [
        { status: 'running', percent: -5 },
        { status: 'running', percent: 50 },
      ],
      0.25,
    ],
    [
      'NaN counted as 0',
      [
        { status: 'running', percent: Number.NaN },
        { status: 'running', percent: 100 },
      ],
      0.5,
    ],
    ['rounded to a thousandth', [{ status: 'running', percent: 100 / 3 }], 0.333],
  ])('%s', (_name, items, expected) => {
    expect(aggregateProgress(items)).toBe(expected);
  });
});
