import { describe, expect, it } from 'vitest';
import { RenderSpecSchema } from '../../src-shared/spec.js';
import { expectedVideoSeconds, readingSeconds, scriptSceneTexts } from '../../src-shared/video-length.js';

describe('video length before any audio exists', () => {
  it('reads at the voice rate, at least 2 s a scene', () => {
    expect(readingSeconds('one two three', 180)).toBe(2);
    expect(readingSeconds(Array.from({ length: 170 }, () => 'w').join(' '), 170)).toBe(60);
  });

  it.each([
    ['# A\nhello\n\n# B\nworld', ['hello', 'world']],
    ['intro text\n# A\nbody', ['intro text', 'body']],
    ['no headings at all', ['no headings at all']],
    ['## not a heading\nstill text', ['## not a heading still text']],
  ])('splits %j into scenes like the script step', (script, texts) => {
    expect(scriptSceneTexts(script).map((t) => t.trim())).toEqual(texts);
  });

  it('uses explicit durations and reading time for the rest', () => {
    const spec = RenderSpecSchema.parse({
      title: 't',
      scenes: [{ narration: 'hi', durationSec: 7.5 }, { narration: Array.from({ length: 340 }, () => 'w').join(' ') }],
      voice: { engine: 'none', rate: 170 },
    });
    expect(expectedVideoSeconds(spec)).toBe(7.5 + 120);
  });
});
