import { describe, expect, it } from 'vitest';
import { formToSpec } from '../../../src-renderer/form/form-spec.js';
import { INITIAL_FORM, newScene } from '../../../src-renderer/form/form-state.js';
import {
  fieldKeyFor,
  groupProblems,
  problemsFromFieldErrors,
  problemsFromIssues,
  sentenceFor,
} from '../../../src-renderer/form/issue-sentences.js';
import { RenderSpecSchema } from '../../../src-shared/spec.js';

/** The real zod issues of a spec, as sentences per control. */
function sentencesOf(spec: unknown, mode: 'script' | 'scenes' = 'script') {
  const result = RenderSpecSchema.safeParse(spec);
  if (result.success) return {};
  return groupProblems(problemsFromIssues(result.error.issues), mode);
}

describe('zod issues become sentences at their controls', () => {
  it.each<[string, Record<string, unknown>, 'script' | 'scenes', Record<string, string>]>([
    ['an empty title', { title: '', script: 'x' }, 'script', { title: 'Give the video a title.' }],
    ['a blank title', { title: '   ', script: 'x' }, 'script', { title: 'Give the video a title.' }],
    [
      'a long title',
      { title: 'x'.repeat(201), script: 'x' },
      'script',
      { title: 'Keep the title to 200 characters or fewer.' },
    ],
    [
      'an empty script',
      { title: 'T', script: '' },
      'script',
      {
        script:
          'Write the script: a line starting with # begins a scene, the lines under it are what the narrator says.',
      },
    ],
    ['no scenes', { title: 'T', scenes: [] }, 'scenes', { scenes: 'Add at least one scene.' }],
    [
      'a scene too long',
      { title: 'T', scenes: [{ narration: 'a' }, { narration: 'b', durationSec: 900 }] },
      'scenes',
      {
        'scenes.1.durationSec':
          'Scene 2: give a duration between 0.5 and 600 seconds, or leave it empty to fit the narration.',
      },
    ],
    [
      'a relative image path',
      { title: 'T', scenes: [{ narration: 'a', image: 'sky.png' }] },
      'scenes',
      { 'scenes.0.image': 'Scene 1: give the image’s full path, for example /home/you/Pictures/sky.png.' },
    ],
    [
      'an odd width',
      { title: 'T', script: 'x', output: { width: 161, height: 90 } },
      'script',
      { 'output.size': 'Give a width between 16 and 7680 pixels, as an even number.' },
    ],
    [
      'a slow voice',
      { title: 'T', script: 'x', voice: { rate: 20 } },
      'script',
      { 'voice.rate': 'Choose a speaking rate between 80 and 450 words per minute.' },
    ],
    [
      'loud music',
      { title: 'T', script: 'x', music: { path: '/m.mp3', volumeDb: 6 } },
      'script',
      { 'music.volumeDb': 'Set the music volume between −40 and 0 dB.' },
    ],
    [
      'music that is not audio',
      { title: 'T', script: 'x', music: { path: '/m.png' } },
      'script',
      {
        'music.path':
          'Give the music file’s full path: an .mp3, .m4a, .wav or .ogg file, for example /home/you/Music/bed.mp3.',
      },
    ],
    [
      'a long transition',
      { title: 'T', script: 'x', transition: { durationSec: 5 } },
      'script',
      { transition: 'Give a transition length between 0.1 and 2 seconds.' },
    ],
    [
      'a thumbnail past the end',
      { title: 'T', script: '# A\nx', thumbnail: { scene: 3 } },
      'script',
      { thumbnail: 'Choose a scene of this video for the thumbnail (the first is 0).' },
    ],
    [
      'an unknown field',
      { title: 'T', script: 'x', colour: 'red' },
      'script',
      { form: 'This spec has a field Aura Studio does not know: colour.' },
    ],
  ])('%s', (_name, spec, mode, expected) => {
    expect(sentencesOf(spec, mode)).toEqual(expected);
  });

  it('never shows zod’s own wording for anything the form can produce', () => {
    const form = {
      ...INITIAL_FORM,
      mode: 'scenes' as const,
      rate: 'x',
      size: 'custom',
      customWidth: '7',
      customHeight: '',
      fps: '500',
      transitionSec: '9',
      musicPath: 'bed.mp3',
      musicVolumeDb: '-99',
      thumbnailScene: '-1',
      scenes: [newScene({ duration: '0', background: 'blue', image: 'x.png' })],
    };
    const sentences = Object.values(sentencesOf(formToSpec(form), 'scenes'));
    expect(sentences.length).toBeGreaterThan(8);
    for (const sentence of sentences) expect(sentence).not.toMatch(/expected|Too small|Too big|Invalid/);
  });
});

describe('the server’s field errors', () => {
  it('turns zod wording into the same sentences', () => {
    const problems = problemsFromFieldErrors([
      { path: 'title', message: 'Too small: expected string to have >=1 characters' },
      { path: 'output.fps', message: 'Too big: expected number to be <=120' },
    ]);
    expect(groupProblems(problems, 'script')).toEqual({
      title: 'Give the video a title.',
      'output.fps': 'Give a frame rate between 1 and 120 frames per second.',
    });
  });

  it('keeps a sentence the server wrote about a file, naming the field, at that field', () => {
    const problems = problemsFromFieldErrors([
      { path: 'scenes.2.image', message: '/x/gone.png does not exist' },
      { path: 'music.path', message: '/x/bed.mp3 is not audio' },
      { path: 'scenes.0.image', message: 'Scene 1 image: already named.' },
      { path: 'other', message: 'something the server says' },
    ]);
    expect(problems.map(sentenceFor)).toEqual([
      'Scene 3 image: /x/gone.png does not exist.',
      'Music file: /x/bed.mp3 is not audio.',
      'Scene 1 image: already named.',
      'Something the server says.',
    ]);
    expect(fieldKeyFor('scenes.2.image', 'scenes')).toBe('scenes.2.image');
  });
});

describe('fieldKeyFor', () => {
  it.each([
    ['title', 'script', 'title'],
    ['scenes.3.narration', 'script', 'script'],
    ['scenes.3.narration', 'scenes', 'scenes.3.narration'],
    ['scenes.3', 'scenes', 'scenes.3.narration'],
    ['output.height', 'script', 'output.size'],
    ['output.preset', 'script', 'output.size'],
    ['voice.rate', 'script', 'voice.rate'],
    ['transition.durationSec', 'script', 'transition'],
    ['music', 'script', 'music.path'],
    ['thumbnail.scene', 'script', 'thumbnail'],
    ['', 'script', 'form'],
  ] as const)('%s in %s mode → %s', (path, mode, key) => {
    expect(fieldKeyFor(path, mode)).toBe(key);
  });
});
