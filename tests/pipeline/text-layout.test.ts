import { describe, expect, it } from 'vitest';
import { findFonts } from '../../src-main/pipeline/font.js';
import { balancedSplit, cutToLines, fitText, wrapToWidth } from '../../src-main/pipeline/text-layout.js';
import { fontMeasure } from '../../src-main/pipeline/text-measure.js';

const fonts = findFonts()!;
const bold = fontMeasure(fonts.bold);
const regular = fontMeasure(fonts.regular);
// A monospace stand-in for exact expectations: every character 10 px wide.
const mono = (t: string) => [...t].length * 10;

describe('fontMeasure', () => {
  it('uses real glyph advances: wide letters are wider, bold is wider, size scales linearly', () => {
    expect(regular('WWWW', 20)).toBeGreaterThan(regular('iiii', 20) * 2);
    expect(bold('Octopus', 20)).toBeGreaterThan(regular('Octopus', 20));
    expect(regular('Octopus', 40)).toBeCloseTo(regular('Octopus', 20) * 2, 6);
    expect(regular('', 20)).toBe(0);
  });
});

describe('wrapToWidth', () => {
  it.each([
    ['short', 'Hello world', 200, ['Hello world']],
    ['wraps at word boundaries', 'the quick brown fox jumps', 90, ['the quick', 'brown fox', 'jumps']],
    ['exact fit', 'abcd efgh', 90, ['abcd efgh']],
    ['long words are split', 'abcdefghijkl xy', 50, ['abcde', 'fghij', 'kl xy']],
    ['whitespace collapses', '  a \n\n b\t c ', 100, ['a b c']],
    ['empty', '   ', 100, []],
  ])('%s', (_name, text, maxWidth, expected) => {
    expect(wrapToWidth(text, maxWidth, mono)).toEqual(expected);
  });
});

describe('balancedSplit', () => {
  it('prefers two even lines to a full line over a stub', () => {
    expect(balancedSplit('aaa bbb ccc ddd'.split(' '), 110, mono)?.lines).toEqual(['aaa bbb', 'ccc ddd']);
  });
  it('a penalty moves the break; nothing fits, nothing returned', () => {
    const words = 'aaa bbb ccc ddd'.split(' ');
    expect(balancedSplit(words, 150, mono, (i) => (i < 2 ? 1000 : 0))?.lines).toEqual(['aaa bbb ccc', 'ddd']);
    expect(balancedSplit(words, 20, mono)).toBeUndefined();
  });
});

describe('fitText', () => {
  it('keeps the largest size when the text fits on one line', () => {
    expect(fitText('Short', mono, { maxWidth: 100, maxSizePx: 40, minSizePx: 10 })).toEqual({
      sizePx: 40,
      lines: ['Short'],
      fits: true,
    });
  });

  it('goes to two balanced lines before shrinking, then shrinks until they fit', () => {
    const measure = (t: string, size: number) => [...t].length * size * 0.6;
    const two = fitText('Octopuses you never knew', measure, { maxWidth: 320, maxSizePx: 40, minSizePx: 10 });
    expect(two).toMatchObject({ sizePx: 40, lines: ['Octopuses you', 'never knew'], fits: true });
    const shrunk = fitText('Octopuses you never knew about', measure, { maxWidth: 250, maxSizePx: 40, minSizePx: 10 });
    expect(shrunk.fits).toBe(true);
    expect(shrunk.lines).toHaveLength(2);
    expect(shrunk.sizePx).toBeLessThan(40);
    for (const line of shrunk.lines) expect(measure(line, shrunk.sizePx)).toBeLessThanOrEqual(250);
  });

  it('with the real bold font, a long 9:16 heading fits its width in at most two lines', () => {
    for (const [text, maxWidth] of [
      ['Octopuses you never knew about', 76],
      ['Octopuses you never knew about', 900],
      ['Why the sky is blue', 140],
    ] as const) {
      const fitted = fitText(text, bold, { maxWidth, maxSizePx: Math.round(maxWidth / 8), minSizePx: 6 });
      expect(fitted.fits).toBe(true);
      expect(fitted.lines.join(' ')).toBe(text);
      expect(fitted.lines.length).toBeLessThanOrEqual(2);
      for (const line of fitted.lines) expect(bold(line, fitted.sizePx)).toBeLessThanOrEqual(maxWidth);
    }
  });

  it('a text too long at the smallest size is cut to two lines ending in "…" and reported', () => {
    const fitted = fitText('word '.repeat(40), mono, { maxWidth: 100, maxSizePx: 20, minSizePx: 10 });
    expect(fitted.fits).toBe(false);
    expect(fitted.sizePx).toBe(10);
    expect(fitted.lines).toHaveLength(2);
    expect(fitted.lines[1]!.endsWith('…')).toBe(true);
  });

  it('an empty text has no lines', () => {
    expect(fitText('  ', mono, { maxWidth: 100, maxSizePx: 20, minSizePx: 10 }).lines).toEqual([]);
  });
});

describe('cutToLines', () => {
  it('keeps text that fits and marks what it cut', () => {
    expect(cutToLines('aa bb', 100, mono, 2)).toEqual(['aa bb']);
    expect(cutToLines('aaaa bbbb cccc', 40, mono, 2)).toEqual(['aaaa', 'bbb…']);
  });
});
