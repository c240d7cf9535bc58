import { describe, expect, it } from 'vitest';
import { aggregateProgress, NO_PROGRESS } from '../../src-main/electron/progress-aggregate.js';

describe('aggregateProgress', () => {
  it.each<[string, Array<{ status: string; progressPct: number }>, number]>([
    ['an empty queue', [], NO_PROGRESS],
    [
      'nothing running',
      [
        { status: 'pending', progressPct: 0 },
        { status: 'completed', progressPct: 100 },
      ],
      NO_PROGRESS,
    ],
    ['paused work only', [{ status: 'paused', progressPct: 40 }], NO_PROGRESS],
    ['one job at 0', [{ status: 'running', progressPct: 0 }], 0],
    ['one job half way', [{ status: 'running', progressPct: 50 }], 0.5],
    [
      'the mean of running jobs',
      [
        { status: 'running', progressPct: 20 },
        { status: 'running', progressPct: 60 },
      ],
      0.4,
    ],
    [
      'others ignored',
      [
        { status: 'running', progressPct: 30 },
        { status: 'completed', progressPct: 100 },
        { status: 'failed', progressPct: 70 },
        { status: 'pending', progressPct: 0 },
      ],
      0.3,
    ],
    ['clamped above 100', [{ status: 'running', progressPct: 250 }], 1],
    [
      'clamped below 0',
      [
        { status: 'running', progressPct: -5 },
        { status: 'running', progressPct: 50 },
      ],
      0.25,
    ],
    [
      'NaN counted as 0',
      [
        { status: 'running', progressPct: Number.NaN },
        { status: 'running', progressPct: 100 },
      ],
      0.5,
    ],
    ['rounded to a thousandth', [{ status: 'running', progressPct: 100 / 3 }], 0.333],
  ])('%s', (_name, items, expected) => {
    expect(aggregateProgress(items)).toBe(expected);
  });
});
