import { describe, expect, it } from 'vitest';
import { formToSpec, specToForm } from '../../../src-renderer/form/form-spec.js';
import { INITIAL_FORM, newScene, type FormState } from '../../../src-renderer/form/form-state.js';
import { RenderSpecSchema, type RenderSpecInput } from '../../../src-shared/spec.js';

/** Specs as a person writes them (no default spelled out): read into the form and back, unchanged. */
const MINIMAL_SPECS: Array<[string, RenderSpecInput]> = [
  ['a script at a preset', { title: 'Sky', script: '# A\nHello.', output: { preset: 'shorts' } }],
  ['every preset', { title: 'Sq', script: 'x', output: { preset: 'square', quality: 'high', encoder: 'nvenc' } }],
  [
    'a listed small size',
    { title: 'Tiny', script: 'x', output: { width: 160, height: 90, fps: 10, quality: 'draft' } },
  ],
  ['a custom size', { title: 'Odd', script: 'x', output: { width: 1000, height: 500 } }],
  ['a preset with its fps overridden', { title: 'Fast', script: 'x', output: { preset: 'youtube-1080p', fps: 60 } }],
  [
    'scenes with every field',
    {
      title: 'Scenes',
      scenes: [
        { heading: 'One', narration: 'First.', durationSec: 4, background: '#1d3557' },
        { heading: 'Two', narration: '', image: '/pics/a.png', motion: 'none', fit: 'contain' },
        { heading: '', narration: 'Only words.', image: 'C:\\pics\\b.jpg' },
      ],
      output: { preset: 'portrait' },
    },
  ],
  [
    'voice, music, transition, captions, chapters, thumbnail',
    {
      title: 'All of it',
      script: '# A\nx\n\n# B\ny',
      voice: { engine: 'espeak', voice: 'en-us', rate: 200 },
      output: { preset: 'youtube-720p' },
      transition: { type: 'fade-black', durationSec: 1.5 },
      music: { path: '/music/bed.mp3', volumeDb: -24, duck: false },
      captions: 'sidecar',
      chapters: false,
      thumbnail: { scene: 1 },
    },
  ],
  ['music at its defaults', { title: 'M', script: 'x', output: { preset: 'youtube-720p' }, music: { path: '/m.ogg' } }],
  [
    'a cut with the default length',
    { title: 'C', script: 'x', output: { preset: 'youtube-720p' }, transition: { type: 'cut', durationSec: 0.5 } },
  ],
];

describe('spec → form → spec', () => {
  it.each(MINIMAL_SPECS)('%s comes back unchanged', (_name, spec) => {
    expect(formToSpec(specToForm(spec))).toEqual(spec);
    expect(RenderSpecSchema.safeParse(spec).success).toBe(true);
  });

  // Specs that spell defaults, or leave the size out: back as the same video, minus the noise.
  it.each<[string, RenderSpecInput, RenderSpecInput]>([
    ['no output at all', { title: 'T', script: 'x' }, { title: 'T', script: 'x', output: { preset: 'youtube-720p' } }],
    [
      'defaults spelled out',
      {
        title: 'T',
        script: 'x',
        voice: { engine: 'auto', voice: 'en', rate: 170 },
        output: { width: 1280, height: 720, fps: 30, quality: 'standard', encoder: 'auto' },
        transition: { type: 'crossfade', durationSec: 0.5 },
        captions: 'both',
        chapters: true,
        thumbnail: { scene: 0 },
      },
      { title: 'T', script: 'x', output: { preset: 'youtube-720p' } },
    ],
    [
      'a job’s stored spec: preset with its size resolved',
      { title: 'T', script: 'x', output: { preset: 'shorts', width: 1080, height: 1920, fps: 30 } },
      { title: 'T', script: 'x', output: { preset: 'shorts' } },
    ],
    [
      'a preset whose size is overridden keeps the numbers (they win)',
      { title: 'T', script: 'x', output: { preset: 'shorts', width: 720, height: 1280 } },
      { title: 'T', script: 'x', output: { width: 720, height: 1280 } },
    ],
  ])('%s', (_name, spec, expected) => {
    expect(formToSpec(specToForm(spec))).toEqual(expected);
  });

  it('reads a stored (parsed) spec back as the same video', () => {
    const written: RenderSpecInput = {
      title: 'Stored',
      scenes: [{ heading: 'A', narration: 'b', image: '/x.png', fit: 'contain' }],
      output: { preset: 'square', quality: 'draft' },
      music: { path: '/m.wav', volumeDb: -30 },
    };
    const stored = RenderSpecSchema.parse(written);
    expect(RenderSpecSchema.parse(formToSpec(specToForm(stored)))).toEqual(stored);
  });
});

describe('form → spec → form', () => {
  const withKeysDropped = (form: FormState) => ({ ...form, scenes: form.scenes.map(({ key: _k, ...s }) => s) });

  it.each<[string, Partial<FormState>]>([
    ['the initial form with a title', { title: 'T', script: '# A\nx' }],
    [
      'scene mode',
      { title: 'S', mode: 'scenes', script: '', scenes: [newScene({ heading: 'H', narration: 'N', duration: '3' })] },
    ],
    ['a custom size', { title: 'C', script: 'x', size: 'custom', customWidth: '1000', customHeight: '500', fps: '24' }],
    [
      'music and extras',
      {
        title: 'M',
        script: 'x',
        musicPath: '/a.mp3',
        musicVolumeDb: '-20',
        musicDuck: false,
        captions: 'none',
        chapters: false,
        thumbnailScene: '0',
        transition: 'cut',
      },
    ],
  ])('%s', (_name, patch) => {
    const form: FormState = { ...INITIAL_FORM, ...patch };
    expect(withKeysDropped(specToForm(formToSpec(form)))).toEqual(withKeysDropped(form));
  });

  it('sends the script or the scene list, never both', () => {
    const form: FormState = { ...INITIAL_FORM, title: 'T', script: '# A\nx', scenes: [newScene({ heading: 'A' })] };
    expect(formToSpec(form)).not.toHaveProperty('scenes');
    expect(formToSpec({ ...form, mode: 'scenes' })).not.toHaveProperty('script');
  });

  it('leaves junk numbers for validation to name, rather than guessing', () => {
    const spec = formToSpec({ ...INITIAL_FORM, title: 'T', script: 'x', rate: 'fast' });
    const result = RenderSpecSchema.safeParse(spec);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join('.'))).toEqual(['voice.rate']);
  });
});
