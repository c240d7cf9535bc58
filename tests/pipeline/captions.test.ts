import { describe, expect, it } from 'vitest';
import { captionCues, escapeFilterValue, sanitizeCaption, wrapText } from '../../src-main/pipeline/captions.js';

describe('wrapText', () => {
  it.each([
    ['short', 'Hello world', 20, ['Hello world']],
    ['wraps at word boundaries', 'the quick brown fox jumps', 10, ['the quick', 'brown fox', 'jumps']],
    ['exact fit', 'abcd efgh', 9, ['abcd efgh']],
    ['long words are split', 'abcdefghijkl xy', 5, ['abcde', 'fghij', 'kl xy']],
    ['whitespace collapses', '  a \n\n b\t c ', 10, ['a b c']],
    ['empty', '   ', 10, []],
  ])('%s', (_name, text, width, expected) => {
    expect(wrapText(text, width)).toEqual(expected);
  });
});

describe('captionCues', () => {
  it('groups lines and shares the scene time by length, ending at the duration', () => {
    const cues = captionCues('aaaa bbbb cccc dddd', 4, 2, 4);
    expect(cues.map((c) => c.lines)).toEqual([
      ['aaaa', 'bbbb'],
      ['cccc', 'dddd'],
    ]);
    expect(cues[0]).toMatchObject({ startSec: 0, endSec: 2 });
    expect(cues[1]).toMatchObject({ startSec: 2, endSec: 4 });
  });
  it('has no cues for no text', () => {
    expect(captionCues('', 10, 2, 3)).toEqual([]);
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
