import { describe, expect, it } from 'vitest';
import {
  clipAudioSamples,
  concatList,
  encoderArgs,
  frameExact,
  sceneClipArgs,
  textFilters,
} from '../../src-main/pipeline/encode-args.js';
import { findFonts } from '../../src-main/pipeline/font.js';
import type { TimedScene } from '../../src-main/pipeline/job-files.js';
import { muxArgs } from '../../src-main/pipeline/mux-args.js';
import { buildSceneLooks } from '../../src-main/pipeline/scene-looks.js';
import type { Scene } from '../../src-main/pipeline/script-parser.js';
import { RenderSpecSchema, type RenderSpecInput } from '../../src-shared/spec.js';

const output = { width: 160, height: 90, fps: 30, quality: 'draft' as const, encoder: 'auto' as const };
const fonts = findFonts()!;
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
  it('joins the clips and the soundtrack with stream copy and faststart, title and chapters embedded', () => {
    const plan = {
      concatList: '/t/list.txt',
      soundtrack: '/t/mix.m4a',
      metadata: '/t/meta.txt',
      outPath: '/a/out.mp4',
    };
    const args = muxArgs({ ...plan, chapters: true }).join(' ');
    expect(args).toContain('-f concat -safe 0 -i /t/list.txt -i /t/mix.m4a -f ffmetadata -i /t/meta.txt');
    expect(args).toContain('-map 0:v -map 1:a -map_metadata 2 -map_chapters 2 -c copy -movflags +faststart');
    expect(muxArgs({ ...plan, chapters: false }).join(' ')).toContain('-map_chapters -1');
  });
});

describe('textFilters', () => {
  it('draws the heading in bold and the narration as timed caption lines', () => {
    const filters = textFilters(scene, 2, output, fonts);
    expect(filters[0]).toContain(`fontfile=${fonts.bold}`);
    expect(filters[0]).toContain('text=Title');
    expect(filters.length).toBeGreaterThan(1);
    expect(filters.slice(1).every((f) => f.includes('enable=gte(t\\,'))).toBe(true);
    expect(filters.every((f) => f.includes('expansion=none'))).toBe(true);
  });
  it('no heading and no narration: no text at all', () => {
    expect(textFilters({ ...scene, heading: '', narration: '' }, 2, output, fonts)).toEqual([]);
  });
  it('captions can be left out of the picture (sidecar or none)', () => {
    expect(textFilters(scene, 2, output, fonts, false)).toHaveLength(1);
  });
});

describe('sceneClipArgs', () => {
  const timed = (over: Partial<TimedScene> = {}): TimedScene => ({ ...scene, audioSec: 1.5, clipSec: 2, ...over });
  const argsFor = (scenes: TimedScene[], specExtra: Partial<RenderSpecInput> = {}, at = scenes.length - 1) => {
    const spec = RenderSpecSchema.parse({ title: 't', script: 'x', output, ...specExtra });
    const look = buildSceneLooks(scenes, spec, fonts)[at]!;
    return sceneClipArgs({
      look,
      audioPath: '/t/a.wav',
      outPath: '/t/c.mp4',
      thumbPath: '/p/scene-2.jpg',
      output: spec.output,
      threads: 1,
    });
  };
  const graphOf = (args: string[]) => args[args.indexOf('-filter_complex') + 1]!;

  it('a colour scene reads a lavfi colour source of the clip length', () => {
    const args = argsFor([timed()]);
    expect(args).toEqual(expect.arrayContaining(['-f', 'lavfi', '-i', 'color=c=0x1d3557:s=160x90:r=30:d=2']));
    expect(args.slice(-3)).toEqual(['-progress', 'pipe:1', '-nostats']);
    expect(args).toEqual(expect.arrayContaining(['-map', '[th]', '/p/scene-2.jpg', '-t', '2']));
    expect(graphOf(args)).toContain('[t]trim=start_frame=0,scale=320:-2[th]');
  });
  it('a still image scene is read and scaled once, then repeated; contain pads it to the output size', () => {
    const args = argsFor([timed({ image: '/img/a.png', motion: 'none', fit: 'contain' })]);
    expect(args).not.toContain('-loop');
    expect(args).toEqual(expect.arrayContaining(['-i', '/img/a.png']));
    expect(graphOf(args)).toContain('force_original_aspect_ratio=decrease,pad=160:90');
    expect(graphOf(args)).toContain('loop=loop=59:size=1:start=0');
    expect(graphOf(args)).not.toContain('zoompan');
    expect(args).not.toContain('-pattern_type');
  });
  it('a ken-burns image scene reads the image once and zoompans it over every frame, covering the frame', () => {
    const args = argsFor([timed({ image: '/img/a.png', motion: 'ken-burns', fit: 'cover' })]);
    expect(args).not.toContain('-loop');
    expect(graphOf(args)).toContain('force_original_aspect_ratio=increase,crop=320:180');
    expect(graphOf(args)).toMatch(/zoompan=z=[^:]+:x=[^:]+:y=[^:]+:d=60:s=160x90:fps=30/);
  });
  it('an image path with % is not read as a sequence pattern', () => {
    const args = argsFor([timed({ image: '/img/100%.png', motion: 'none', fit: 'cover' })]);
    expect(args).toEqual(expect.arrayContaining(['-pattern_type', 'none', '-i', '/img/100%.png']));
  });
  it("a crossfade draws the previous scene's last frame as a third input and the thumbnail after it", () => {
    const scenes = [timed({ index: 1, background: '#ff0000' }), timed({ index: 2, background: '#0000ff' })];
    const args = argsFor(scenes, { transition: { type: 'crossfade', durationSec: 0.5 } });
    expect(args.filter((a) => a.startsWith('color=c=0xff0000'))).toEqual(['color=c=0xff0000:s=160x90:r=30:d=0.0333']);
    expect(graphOf(args)).toContain('[2:v]trim=end_frame=1');
    expect(graphOf(args)).toContain('fade=t=out:st=0:d=0.5:alpha=1');
    expect(graphOf(args)).toContain('[t]trim=start_frame=24,');
    // The incoming heading fades in once the outgoing one is gone; captions are drawn over the mix.
    expect(graphOf(args)).toContain('alpha=clip((t-0.5)/0.3\\,0\\,1)');
    expect(graphOf(args)).toMatch(/\[out\]drawtext=[^;]*box=1[^;]*\[final\]/);
    // The first scene has nothing before it.
    expect(argsFor(scenes, { transition: { type: 'crossfade', durationSec: 0.5 } }, 0).join(' ')).not.toContain(
      '0x0000ff',
    );
  });
  it('a cut has no third input', () => {
    const scenes = [timed({ index: 1 }), timed({ index: 2 })];
    expect(graphOf(argsFor(scenes, { transition: { type: 'cut' } }))).not.toContain('[2:v]');
  });
});
