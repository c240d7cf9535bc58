import { describe, expect, it } from 'vitest';
import { pageCaptions } from '../../src-main/pipeline/caption-paging.js';
import { findFonts } from '../../src-main/pipeline/font.js';
import { fontMeasure } from '../../src-main/pipeline/text-measure.js';

const regular = fontMeasure(findFonts()!.regular);
const width = (t: string) => regular(t, 16);
const DANGLING = ['a', 'an', 'the', 'and', 'or', 'of', 'in', 'under', 'to', 'with', 'is', 'my'];

const NARRATIONS = [
  'It lives in the deep sea, and under crushing pressure it hunts crabs, clams and small fish with eight arms that can taste what they touch.',
  'Yes. It is clever. Scientists have watched octopuses open jars, escape from tanks and recognise the faces of the people who feed them every day.',
  'An octopus has three hearts: two pump blood through the gills, and the third pumps it through the body, which is why swimming tires it so quickly.',
  'Because their blood is based on copper rather than iron, it is blue; in cold water with little oxygen that works better than ours would.',
];

describe('pageCaptions with the shipped font', () => {
  for (const maxWidth of [250, 400]) {
    describe(`at ${maxWidth} px`, () => {
      it.each(NARRATIONS.map((n) => [n.slice(0, 40), n]))('%s…', (_name, text) => {
        const pages = pageCaptions(text, { maxWidth, maxLines: 2, width });
        // Nothing lost or reordered.
        expect(pages.map((p) => p.text).join(' ')).toBe(text);
        expect(pages.map((p) => p.lines.join(' ')).join(' ')).toBe(text);
        for (const page of pages) {
          expect(page.lines.length).toBeLessThanOrEqual(2);
          for (const line of page.lines) expect(width(line)).toBeLessThanOrEqual(maxWidth);
          const lastWord = page.text.split(' ').at(-1)!.toLowerCase();
          expect(DANGLING, `page "${page.text}" ends hanging`).not.toContain(lastWord);
          // A page that starts a new sentence inside itself finishes it.
          if (/[.!?] [A-Z]/.test(page.text)) expect(['sentence', 'paragraph']).toContain(page.ending);
          expect(text.slice(page.offset, page.offset + page.text.length)).toBe(page.text);
        }
      });
    });
  }

  it('never leaves "…and under" / "crushing pressure…" apart (the issue report)', () => {
    for (const maxWidth of [200, 250, 300, 400]) {
      const pages = pageCaptions(NARRATIONS[0]!, { maxWidth, maxLines: 2, width });
      expect(
        pages.some((p) => p.text.endsWith('and under')),
        `${maxWidth}`,
      ).toBe(false);
      expect(
        pages.some((p) => p.text.startsWith('crushing pressure')),
        `${maxWidth}`,
      ).toBe(false);
    }
  });

  it('short sentences share a page; a page that fits the line stays one line', () => {
    const pages = pageCaptions('Yes. It is clever.', { maxWidth: 400, maxLines: 2, width });
    expect(pages.map((p) => p.lines)).toEqual([['Yes. It is clever.']]);
  });

  it('breaks at paragraphs and at sub-heading offsets, however short the pages', () => {
    const text = 'First part here.\n\nSecond part here. Third part.';
    const third = text.indexOf('Third');
    const pages = pageCaptions(text, { maxWidth: 400, maxLines: 2, width, hardBreaks: [third] });
    expect(pages.map((p) => p.text)).toEqual(['First part here.', 'Second part here.', 'Third part.']);
    expect(pages.map((p) => p.ending)).toEqual(['paragraph', 'paragraph', 'paragraph']);
    expect(pages[2]!.offset).toBe(third);
  });

  it('splits a word longer than a line rather than overflowing', () => {
    const pages = pageCaptions('Pneumonoultramicroscopicsilicovolcanoconiosis', { maxWidth: 120, maxLines: 2, width });
    for (const page of pages) for (const line of page.lines) expect(width(line)).toBeLessThanOrEqual(120);
  });

  it('has no pages for no words', () => {
    expect(pageCaptions('  \n\n ', { maxWidth: 100, maxLines: 2, width })).toEqual([]);
  });
});
