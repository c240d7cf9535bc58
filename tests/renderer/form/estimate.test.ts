import { describe, expect, it } from 'vitest';
import { estimateVideo, sceneSeconds, spokenWords } from '../../../src-renderer/form/estimate.js';
import { INITIAL_FORM, newScene } from '../../../src-renderer/form/form-state.js';

describe('spokenWords', () => {
  it.each([
    ['Sunlight holds every colour.', 4],
    ['**Bold** and _em_ [a link](http://x)', 5],
    ['## A sub heading\nTwo words', 2],
    ['- a list\n- of things', 4],
    ['   ', 0],
  ])('%j → %i', (text, words) => {
    expect(spokenWords(text)).toBe(words);
  });
});

describe('estimateVideo', () => {
  it('reads a script at the speaking rate, each scene at least 2 s', () => {
    const words = Array.from({ length: 170 }, () => 'word').join(' ');
    const form = { ...INITIAL_FORM, script: `# One\n${words}\n\n# Two\nShort.` };
    expect(estimateVideo(form)).toEqual({ seconds: 62, scenes: 2 });
    expect(estimateVideo({ ...form, rate: '340' })).toEqual({ seconds: 32, scenes: 2 });
  });

  it('adds explicit durations for scenes that have one', () => {
    const form = {
      ...INITIAL_FORM,
      mode: 'scenes' as const,
      scenes: [newScene({ narration: 'a b c', duration: '7.5' }), newScene({ narration: '' })],
    };
    expect(estimateVideo(form)).toEqual({ seconds: 9.5, scenes: 2 });
  });

  it('is nothing for an empty form, and ignores a rate out of range', () => {
    expect(estimateVideo(INITIAL_FORM)).toEqual({ seconds: 0, scenes: 0 });
    expect(sceneSeconds('one two', undefined, 170)).toBe(2);
    const form = { ...INITIAL_FORM, rate: '5', script: Array.from({ length: 340 }, () => 'w').join(' ') };
    expect(estimateVideo(form).seconds).toBe(120);
  });
});
