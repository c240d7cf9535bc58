import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  applyProgressLine,
  createLineSplitter,
  parseClock,
  parseProgressText,
  type FfmpegProgress,
} from '../../src-main/pipeline/ffmpeg-progress.js';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '..', 'fixtures', name), 'utf8');

describe('applyProgressLine', () => {
  const cases: [string, string[], Partial<FfmpegProgress> | null][] = [
    [
      'out_time_us is microseconds',
      ['out_time_us=1933398', 'progress=continue'],
      { outTimeSec: 1.933398, done: false },
    ],
    ['out_time_ms is microseconds too', ['out_time_ms=859138', 'progress=continue'], { outTimeSec: 0.859138 }],
    ['out_time alone (clock)', ['out_time=00:01:02.500000', 'progress=continue'], { outTimeSec: 62.5 }],
    [
      'out_time_us wins over out_time',
      ['out_time_us=1000000', 'out_time=00:00:09.000000', 'progress=continue'],
      { outTimeSec: 1 },
    ],
    [
      'N/A is unknown',
      ['out_time_us=N/A', 'out_time=N/A', 'speed=N/A', 'progress=continue'],
      { outTimeSec: undefined, speed: undefined },
    ],
    ['negative start time is ignored', ['out_time_us=-23220', 'progress=continue'], { outTimeSec: undefined }],
    ['speed with padding and x', ['speed=   3x', 'progress=continue'], { speed: 3 }],
    ['speed in exponent form', ['speed=6.43e+03x', 'progress=continue'], { speed: 6430 }],
    [
      'frame, fps, size',
      ['frame=120', 'fps=29.97', 'total_size=66274', 'progress=continue'],
      { frame: 120, fps: 29.97, totalSizeBytes: 66274 },
    ],
    ['end marks done', ['out_time_us=4017052', 'progress=end'], { outTimeSec: 4.017052, done: true }],
    ['no closing line yet: no block', ['out_time_us=5'], null],
    ['junk lines are ignored', ['', 'hello', '=x', 'progress=continue'], { done: false }],
  ];
  it.each(cases)('%s', (_name, lines, expected) => {
    const current: FfmpegProgress = { done: false };
    let block: FfmpegProgress | null = null;
    for (const line of lines) block = applyProgressLine(current, line) ?? block;
    if (expected === null) expect(block).toBeNull();
    else
      for (const [key, value] of Object.entries(expected)) expect(block?.[key as keyof FfmpegProgress]).toEqual(value);
  });

  it('starts every block afresh', () => {
    const current: FfmpegProgress = { done: false };
    applyProgressLine(current, 'speed=2x');
    applyProgressLine(current, 'progress=continue');
    expect(applyProgressLine(current, 'progress=continue')).toEqual({ done: false });
  });
});

describe('parseProgressText on captured ffmpeg output', () => {
  it.each([
    ['ffmpeg-progress-5.1.txt', 6, 4.017052],
    ['ffmpeg-progress-2018.txt', 2, 4.017052],
    ['ffmpeg-progress-copy-5.1.txt', 2, 4.017052],
  ])('%s', (name, blocks, lastSec) => {
    const parsed = parseProgressText(fixture(name));
    expect(parsed).toHaveLength(blocks);
    expect(parsed.at(-1)).toMatchObject({ outTimeSec: lastSec, done: true, frame: 120 });
    expect(parsed.slice(0, -1).every((b) => !b.done)).toBe(true);
    const times = parsed.map((b) => b.outTimeSec ?? 0);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });
});

describe('parseClock', () => {
  it.each([
    ['00:00:00.000000', 0],
    ['00:00:02.020136', 2.020136],
    ['01:02:03.5', 3723.5],
    ['-00:00:00.023220', -0.02322],
    ['N/A', undefined],
    ['12.5', undefined],
  ])('%s', (text, expected) => {
    expect(parseClock(text)).toBe(expected);
  });
});

describe('createLineSplitter', () => {
  it('joins lines split across chunks and handles CRLF', () => {
    const lines: string[] = [];
    const feed = createLineSplitter((l) => lines.push(l));
    for (const chunk of ['fra', 'me=1\r\nfps=2', '.5\nprogress=con', 'tinue\n', 'tail']) feed(chunk);
    expect(lines).toEqual(['frame=1', 'fps=2.5', 'progress=continue']);
  });
});
