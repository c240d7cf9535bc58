import { describe, expect, it } from 'vitest';
import { parseNarration, stripInlineMarkdown } from '../../src-shared/script-markdown.js';

describe('stripInlineMarkdown', () => {
  it.each([
    ['bold', 'an **octopus** swims', 'an octopus swims'],
    ['bold with underscores', 'an __octopus__ swims', 'an octopus swims'],
    ['emphasis with underscores', 'so _very_ deep', 'so very deep'],
    ['emphasis with asterisks', 'so *very* deep', 'so very deep'],
    ['bold inside emphasis', '***both***', 'both'],
    ['strike', '~~old~~ new', 'old new'],
    ['code', 'run `aura render`', 'run aura render'],
    ['link keeps its text', 'see [the map](https://example.com/a_b) now', 'see the map now'],
    ['image keeps its alt text', '![a reef](/x.png)', 'a reef'],
    ['snake_case stays', 'use snake_case_names', 'use snake_case_names'],
    ['arithmetic stays', '2*3*4 is 24', '2*3*4 is 24'],
    ['a lone asterisk stays', 'rated 5 * by all', 'rated 5 * by all'],
    ['escaped characters', '\\*not em\\*', '*not em*'],
  ])('%s', (_name, input, expected) => {
    expect(stripInlineMarkdown(input)).toBe(expected);
  });
});

describe('parseNarration', () => {
  it.each([
    ['plain paragraphs', ['one', 'two', '', 'three'], 'one two\n\nthree', []],
    [
      'dash, star, plus and numbered list items are paragraphs without markers',
      ['- a.', '* b.', '+ c.', '1. d.', '2) e.'],
      'a.\n\nb.\n\nc.\n\nd.\n\ne.',
      [],
    ],
    ['quote markers and rules are dropped', ['> quoted', '---', 'after'], 'quoted\n\nafter', []],
    [
      'sub-headings are not narration and point at the words after them',
      ['Intro.', '## First part', 'Body one.', '### Second *part*', 'Body two.'],
      'Intro.\n\nBody one.\n\nBody two.',
      [
        { text: 'First part', offset: 8 },
        { text: 'Second part', offset: 19 },
      ],
    ],
    ['a sub-heading first points at the start', ['## Start', 'Words.'], 'Words.', [{ text: 'Start', offset: 0 }]],
    ['a closing-hash sub-heading', ['## Part ##', 'x'], 'x', [{ text: 'Part', offset: 0 }]],
    ['an empty sub-heading is dropped', ['##', 'x'], 'x', []],
    ['a sub-heading at the end points at the end', ['Words.', '## Later'], 'Words.', [{ text: 'Later', offset: 6 }]],
  ] as const)('%s', (_name, lines, narration, subheadings) => {
    const body = parseNarration(lines);
    expect(body).toEqual({ narration, subheadings });
    for (const sub of body.subheadings.filter((s) => s.offset < narration.length)) {
      // Each offset is where a paragraph starts.
      expect(sub.offset === 0 || narration.slice(sub.offset - 2, sub.offset) === '\n\n').toBe(true);
    }
  });
});
