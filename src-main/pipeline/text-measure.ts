import { readFileSync } from 'node:fs';
import opentype from 'opentype.js';

/** Width in pixels of `text` set at `sizePx` in one font. */
export type MeasureText = (text: string, sizePx: number) => number;

const measures = new Map<string, MeasureText>();

/**
 * A measure from the font file's real glyph advances (the same file drawtext renders with): the
 * sum of each character's advance, as drawtext lays glyphs out (no ligatures; kerning left out,
 * which only makes DejaVu's lines a little wide, so a line that fits here fits on screen).
 * Fonts are parsed once per path, advances cached per character.
 */
export function fontMeasure(fontPath: string): MeasureText {
  let measure = measures.get(fontPath);
  if (!measure) {
    const bytes = readFileSync(fontPath);
    const font = opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    const advances = new Map<string, number>();
    const advanceOf = (c: string) => {
      let units = advances.get(c);
      if (units === undefined) {
        units = font.charToGlyph(c).advanceWidth ?? 0;
        advances.set(c, units);
      }
      return units;
    };
    measure = (text, sizePx) => {
      let units = 0;
      for (const c of text) units += advanceOf(c);
      return (units * sizePx) / font.unitsPerEm;
    };
    measures.set(fontPath, measure);
  }
  return measure;
}
