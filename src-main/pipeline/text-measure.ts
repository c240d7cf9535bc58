import { readFileSync } from 'node:fs';
import opentype from 'opentype.js';

/** Width in pixels of `text` set at `sizePx` in one font. */
export type MeasureText = (text: string, sizePx: number) => number;

const measures = new Map<string, MeasureText>();

/**
 * A measure from the font file's real glyph advances (the same file drawtext renders with).
 * Kerning is left out: it only narrows DejaVu's lines, so the measure errs on the wide side and
 * a line that fits here fits on screen. Fonts are parsed once per path.
 */
export function fontMeasure(fontPath: string): MeasureText {
  let measure = measures.get(fontPath);
  if (!measure) {
    const bytes = readFileSync(fontPath);
    const font = opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    const unitWidths = new Map<string, number>();
    measure = (text, sizePx) => {
      let units = unitWidths.get(text);
      if (units === undefined) {
        units = font.getAdvanceWidth(text, font.unitsPerEm, { kerning: false });
        if (unitWidths.size < 50_000) unitWidths.set(text, units);
      }
      return (units * sizePx) / font.unitsPerEm;
    };
    measures.set(fontPath, measure);
  }
  return measure;
}
