import { describe, expect, it } from 'vitest';
import { estimateDiskBytes, estimateTotalSec } from '../../src-main/pipeline/disk-estimate.js';
import { RenderSpecSchema } from '../../src-shared/spec.js';

const scene = (narration: string, durationSec?: number) => ({
  index: 1,
  heading: '',
  narration,
  background: '#000000',
  ...(durationSec ? { durationSec } : {}),
});

describe('estimateTotalSec', () => {
  it('sums explicit durations and reading times (at least 2 s)', () => {
    expect(
      estimateTotalSec([scene('a b c', 5), scene('short'), scene(Array(340).fill('w').join(' '))], 170),
    ).toBeCloseTo(5 + 2 + 120, 6);
  });
});

describe('estimateDiskBytes', () => {
  const spec = (quality: 'draft' | 'standard' | 'high', width = 1280, height = 720) =>
    RenderSpecSchema.parse({ title: 't', script: 'x', output: { width, height, fps: 30, quality } });
  it('grows with length, size and quality, and always keeps a margin', () => {
    expect(estimateDiskBytes(spec('standard'), 0)).toBe(20 * 1024 * 1024);
    expect(estimateDiskBytes(spec('standard'), 120)).toBeGreaterThan(estimateDiskBytes(spec('standard'), 60));
    expect(estimateDiskBytes(spec('high'), 60)).toBeGreaterThan(estimateDiskBytes(spec('draft'), 60));
    expect(estimateDiskBytes(spec('standard', 3840, 2160), 60)).toBeGreaterThan(
      estimateDiskBytes(spec('standard'), 60),
    );
  });
  it('a 10-minute 1080p standard render asks for a plausible amount (0.2–3 GB)', () => {
    const bytes = estimateDiskBytes(spec('standard', 1920, 1080), 600);
    expect(bytes).toBeGreaterThan(0.2e9);
    expect(bytes).toBeLessThan(3e9);
  });
});
