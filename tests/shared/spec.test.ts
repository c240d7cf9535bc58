import { describe, expect, it } from 'vitest';
import { RenderSpecSchema, resolveOutput, type RenderSpecInput } from '../../src-shared/spec.js';

const base = { title: 't', script: '# A\na\n\n# B\nb' } as const;
const parse = (extra: Partial<RenderSpecInput>) => RenderSpecSchema.safeParse({ ...base, ...extra });
const errorPaths = (extra: Partial<RenderSpecInput> | Record<string, unknown>) => {
  const result = RenderSpecSchema.safeParse({ ...base, ...extra });
  return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
};

describe('resolveOutput', () => {
  it.each([
    ['nothing: 1280x720@30', {}, { width: 1280, height: 720, fps: 30 }],
    ['youtube-1080p', { preset: 'youtube-1080p' }, { width: 1920, height: 1080, fps: 30 }],
    ['youtube-720p', { preset: 'youtube-720p' }, { width: 1280, height: 720, fps: 30 }],
    ['shorts', { preset: 'shorts' }, { width: 1080, height: 1920, fps: 30 }],
    ['square', { preset: 'square' }, { width: 1080, height: 1080, fps: 30 }],
    ['portrait', { preset: 'portrait' }, { width: 1080, height: 1350, fps: 30 }],
    [
      'explicit size wins over the preset',
      { preset: 'shorts', width: 90, height: 160 },
      { width: 90, height: 160, fps: 30 },
    ],
    ['explicit fps wins over the preset', { preset: 'youtube-1080p', fps: 60 }, { width: 1920, height: 1080, fps: 60 }],
    ['explicit values without a preset', { width: 160, height: 90, fps: 10 }, { width: 160, height: 90, fps: 10 }],
  ] as const)('%s', (_name, output, expected) => {
    expect(resolveOutput(output)).toEqual(expected);
  });

  it('is what the parsed spec carries', () => {
    const spec = RenderSpecSchema.parse({ ...base, output: { preset: 'shorts', fps: 24 } });
    expect(spec.output).toMatchObject({ preset: 'shorts', width: 1080, height: 1920, fps: 24 });
    // A stored spec parses to itself: resolving is idempotent.
    expect(RenderSpecSchema.parse(spec)).toEqual(spec);
  });
});

describe('creator fields: defaults', () => {
  it('fills every default', () => {
    const spec = RenderSpecSchema.parse(base);
    expect(spec).toMatchObject({
      output: { width: 1280, height: 720, fps: 30, quality: 'standard', encoder: 'auto' },
      transition: { type: 'crossfade', durationSec: 0.5 },
      captions: 'both',
      chapters: true,
      thumbnail: { scene: 0 },
    });
    expect(spec.music).toBeUndefined();
    expect(spec.output.preset).toBeUndefined();
  });

  it('fills music and transition defaults inside a partial object', () => {
    const spec = RenderSpecSchema.parse({ ...base, music: { path: '/m/bed.mp3' }, transition: { type: 'cut' } });
    expect(spec.music).toEqual({ path: '/m/bed.mp3', volumeDb: -18, duck: true });
    expect(spec.transition).toEqual({ type: 'cut', durationSec: 0.5 });
  });

  it('keeps motion and fit on scenes (resolved per scene later)', () => {
    const spec = RenderSpecSchema.parse({
      title: 't',
      scenes: [{ image: '/i.png', motion: 'none', fit: 'contain' }, { image: '/j.png' }],
    });
    expect(spec.scenes?.[0]).toMatchObject({ motion: 'none', fit: 'contain' });
    expect(spec.scenes?.[1]?.motion).toBeUndefined();
  });
});

describe('creator fields: accepted values', () => {
  it.each([
    [
      'every preset',
      ['youtube-1080p', 'youtube-720p', 'shorts', 'square', 'portrait'].map((preset) => ({ output: { preset } })),
    ],
    [
      'every encoder',
      ['auto', 'software', 'nvenc', 'qsv', 'videotoolbox', 'amf'].map((encoder) => ({ output: { encoder } })),
    ],
    ['every transition', ['crossfade', 'fade-black', 'cut'].map((type) => ({ transition: { type } }))],
    ['transition length bounds', [0.1, 2].map((durationSec) => ({ transition: { durationSec } }))],
    ['every caption mode', ['both', 'burn', 'sidecar', 'none'].map((captions) => ({ captions }))],
    ['music formats', ['/a.mp3', '/a.M4A', '/a.wav', '/a.ogg', 'C:\\m\\a.mp3'].map((path) => ({ music: { path } }))],
    ['music volume bounds', [-40, 0].map((volumeDb) => ({ music: { path: '/a.mp3', volumeDb, duck: false } }))],
    ['last scene as thumbnail', [{ thumbnail: { scene: 1 } }]],
    ['chapters off', [{ chapters: false }]],
  ] as const)('%s', (_name, extras) => {
    for (const extra of extras) expect(parse(extra as Partial<RenderSpecInput>).error?.issues ?? []).toEqual([]);
  });
});

describe('creator fields: rejected with the field named', () => {
  it.each([
    ['unknown preset', { output: { preset: 'tiktok' } }, 'output.preset'],
    ['unknown encoder', { output: { encoder: 'x265' } }, 'output.encoder'],
    ['odd explicit width with a preset', { output: { preset: 'shorts', width: 1081 } }, 'output.width'],
    ['unknown output field', { output: { bitrate: 5 } }, 'output'],
    ['unknown transition', { transition: { type: 'wipe' } }, 'transition.type'],
    ['transition too short', { transition: { durationSec: 0.05 } }, 'transition.durationSec'],
    ['transition too long', { transition: { durationSec: 2.5 } }, 'transition.durationSec'],
    ['unknown transition field', { transition: { easing: 'in' } }, 'transition'],
    ['relative music path', { music: { path: 'bed.mp3' } }, 'music.path'],
    ['music of the wrong type', { music: { path: '/bed.flac' } }, 'music.path'],
    ['music too quiet', { music: { path: '/bed.mp3', volumeDb: -41 } }, 'music.volumeDb'],
    ['music too loud', { music: { path: '/bed.mp3', volumeDb: 1 } }, 'music.volumeDb'],
    ['duck not a boolean', { music: { path: '/bed.mp3', duck: 'yes' } }, 'music.duck'],
    ['music without a path', { music: {} }, 'music.path'],
    ['unknown caption mode', { captions: 'srt' }, 'captions'],
    ['chapters not a boolean', { chapters: 'yes' }, 'chapters'],
    ['negative thumbnail scene', { thumbnail: { scene: -1 } }, 'thumbnail.scene'],
    ['fractional thumbnail scene', { thumbnail: { scene: 0.5 } }, 'thumbnail.scene'],
    ['thumbnail scene past the script', { thumbnail: { scene: 2 } }, 'thumbnail.scene'],
    ['unknown top-level field', { look: 'cinematic' }, ''],
  ])('%s', (_name, extra, path) => {
    expect(errorPaths(extra)).toEqual([path]);
  });

  it('counts explicit scenes for the thumbnail and says how many there are', () => {
    const result = RenderSpecSchema.safeParse({ title: 't', scenes: [{}, {}, {}], thumbnail: { scene: 3 } });
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ path: ['thumbnail', 'scene'], message: expect.stringContaining('(3)') }),
    ]);
  });

  it.each([
    ['unknown motion', { motion: 'zoom' }, 'scenes.0.motion'],
    ['unknown fit', { fit: 'stretch' }, 'scenes.0.fit'],
  ])('%s', (_name, scene, path) => {
    const result = RenderSpecSchema.safeParse({ title: 't', scenes: [{ image: '/i.png', ...scene }] });
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual([path]);
  });
});
