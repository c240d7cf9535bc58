import { describe, expect, it } from 'vitest';
import {
  clipAudioSamples,
  concatArgs,
  concatList,
  encoderArgs,
  frameExact,
  sceneClipArgs,
  textFilters,
} from '../../src-main/pipeline/encode-args.js';
import type { Scene } from '../../src-main/pipeline/script-parser.js';

const output = { width: 160, height: 90, fps: 30, quality: 'draft' as const, encoder: 'auto' as const };
const fonts = { regular: '/f/DejaVuSans.ttf', bold: '/f/DejaVuSans-Bold.ttf' };
const scene: Scene = { index: 2, heading: 'Title', narration: 'Some words to show', background: '#1d3557' };

describe('frameExact', () => {
  it.each([
    [1, 30, 1],
    [3.3139, 30, 100 / 30],
    [2.0000001, 25, 2],
    [0.001, 30, 1 / 30],
  ])('%s s at %s fps', (sec, fps, expected) => {
    expect(frameExact(sec, fps)).toBeCloseTo(expected, 9);
  });
});

describe('clipAudioSamples', () => {
  it.each([
    [2, 95_232],
    [1, 47_104],
    [0.02, 0],
  ])('%s s', (sec, samples) => {
    expect(clipAudioSamples(sec)).toBe(samples);
    expect(samples % 1024).toBe(0);
    expect(samples / 48_000).toBeLessThanOrEqual(sec);
  });
});

describe('concatList', () => {
  it('quotes names and pins each clip length', () => {
    expect(
      concatList([
        { name: 'scene-1.mp4', durationSec: 2 },
        { name: "it's.mp4", durationSec: 1.5 },
      ]),
    ).toBe("file 'scene-1.mp4'\nduration 2\nfile 'it'\\''s.mp4'\nduration 1.5\n");
  });
});

describe('encoder and join arguments', () => {
  it('uses the quality table, and -threads only when asked', () => {
    expect(encoderArgs(output, 0)).toEqual(expect.arrayContaining(['libx264', 'ultrafast', '30', 'aac']));
    expect(encoderArgs(output, 0)).not.toContain('-threads');
    expect(encoderArgs({ ...output, quality: 'high' }, 2)).toEqual(expect.arrayContaining(['medium', '-threads', '2']));
  });
  it('joins with stream copy and faststart', () => {
    const args = concatArgs('/t/list.txt', '/a/out.mp4');
    expect(args.join(' ')).toContain(
      '-f concat -safe 0 -i /t/list.txt -map 0 -c copy -movflags +faststart -f mp4 /a/out.mp4',
    );
  });
});

describe('textFilters', () => {
  it('draws the heading in bold and the narration as timed caption lines', () => {
    const filters = textFilters(scene, 2, output, fonts);
    expect(filters[0]).toContain('fontfile=/f/DejaVuSans-Bold.ttf');
    expect(filters[0]).toContain('text=Title');
    expect(filters.length).toBeGreaterThan(1);
    expect(filters.slice(1).every((f) => f.includes('enable=gte(t\\,'))).toBe(true);
    expect(filters.every((f) => f.includes('expansion=none'))).toBe(true);
  });
  it('no heading and no narration: no text at all', () => {
    expect(textFilters({ ...scene, heading: '', narration: '' }, 2, output, fonts)).toEqual([]);
  });
});

describe('sceneClipArgs', () => {
  const base = {
    durationSec: 2,
    audioPath: '/t/a.wav',
    outPath: '/t/c.mp4',
    thumbPath: '/p/scene-2.jpg',
    output,
    fonts,
    threads: 1,
  };
  it('a colour scene reads a lavfi colour source of the clip length', () => {
    const args = sceneClipArgs({ ...base, scene });
    expect(args).toEqual(expect.arrayContaining(['-f', 'lavfi', '-i', 'color=c=0x1d3557:s=160x90:r=30:d=2']));
    expect(args.slice(-3)).toEqual(['-progress', 'pipe:1', '-nostats']);
    expect(args).toEqual(expect.arrayContaining(['-map', '[th]', '/p/scene-2.jpg', '-t', '2']));
  });
  it('an image scene loops the image and pads it to the output size', () => {
    const args = sceneClipArgs({ ...base, scene: { ...scene, image: '/img/a.png' } });
    expect(args).toEqual(expect.arrayContaining(['-loop', '1', '-i', '/img/a.png']));
    expect(args.join(' ')).toContain('force_original_aspect_ratio=decrease,pad=160:90');
    expect(args).not.toContain('-pattern_type');
  });
  it('an image path with % is not read as a sequence pattern', () => {
    const args = sceneClipArgs({ ...base, scene: { ...scene, image: '/img/100%.png' } });
    expect(args).toEqual(expect.arrayContaining(['-pattern_type', 'none', '-i', '/img/100%.png']));
  });
});
