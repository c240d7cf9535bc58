import { describe, expect, it } from 'vitest';
import type { CaptionPage } from '../../src-main/pipeline/caption-paging.js';
import {
  CAPTION_HOLD_SEC,
  escapeFilterValue,
  sanitizeCaption,
  timeAtOffset,
  timeCaptions,
} from '../../src-main/pipeline/captions.js';

describe('timeCaptions', () => {
  const page = (text: string, ending: CaptionPage['ending'], offset = 0): CaptionPage => ({
    text,
    lines: [text],
    offset,
    ending,
  });

  it('shares the voice time by characters plus the pause at each page end, back to back', () => {
    // 12 chars + sentence pause 8 = 20; 37 chars + paragraph pause 12 = 49 (hold after the voice).
    const pages = [page('aaaa bbbb c.', 'sentence'), page('dddd eeee ffff gggg hhhh iiii jjjj kk', 'paragraph', 13)];
    const cues = timeCaptions(pages, 6.9, 10);
    expect(cues[0]).toEqual({ start: 0, end: 2, text: 'aaaa bbbb c.', lines: ['aaaa bbbb c.'] });
    expect(cues[1]!.start).toBe(2);
    expect(cues[1]!.end).toBe(6.9 + CAPTION_HOLD_SEC);
  });

  it('the last cue never outlasts the clip, and speech longer than the clip is squeezed into it', () => {
    const cues = timeCaptions([page('one two', 'sentence'), page('three four', 'paragraph')], 5, 3);
    expect(cues.at(-1)!.end).toBe(3);
    expect(cues.every((c) => c.start < c.end && c.end <= 3)).toBe(true);
  });

  it('has no cues for no pages', () => {
    expect(timeCaptions([], 3, 3)).toEqual([]);
  });

  it('a sub-heading appears with the page its words start on', () => {
    const pages = [page('a b.', 'sentence', 0), page('c d.', 'paragraph', 5)];
    const cues = timeCaptions(pages, 4, 4);
    expect(timeAtOffset(pages, cues, 5)).toBe(cues[1]!.start);
    expect(timeAtOffset(pages, cues, 0)).toBe(0);
    expect(timeAtOffset(pages, cues, 99)).toBe(cues[1]!.end);
  });
});

describe('escapeFilterValue', () => {
  // Expected strings follow ffmpeg's "Quoting and escaping" docs: option level, then graph level.
  it.each([
    ['plain', 'Hello world', 'Hello world'],
    ['colon', 'a:b', 'a\\\\:b'],
    ['quote', "it's", "it\\\\\\'s"],
    ['backslash', 'a\\b', 'a\\\\\\\\b'],
    ['graph separators', 'a,b;c[d]', 'a\\,b\\;c\\[d\\]'],
    ['percent is left to expansion=none', '100%', '100%'],
    ['windows font path', 'C:\\Fonts\\x.ttf', 'C\\\\:\\\\\\\\Fonts\\\\\\\\x.ttf'],
  ])('%s', (_name, input, expected) => {
    expect(escapeFilterValue(input)).toBe(expected);
  });
});

describe('sanitizeCaption', () => {
  it('turns control characters into spaces', () => {
    expect(sanitizeCaption('a\tb\u0007c\nd')).toBe('a b c d');
  });
});
