import type { MeasureText } from './text-measure.js';

/** Width of a line of text at one size: a MeasureText with the size fixed. */
export type LineWidth = (text: string) => number;

/** Words of a text, whitespace (newlines included) collapsed. */
export const wordsOf = (text: string): string[] => text.split(/\s+/).filter(Boolean);

/**
 * Greedy wrap into lines no wider than `maxWidth`; a word wider than a line is split between
 * characters (the only way it can fit).
 */
export function wrapToWidth(text: string, maxWidth: number, width: LineWidth): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of wordsOf(text)) {
    const candidate = line ? `${line} ${word}` : word;
    if (width(candidate) <= maxWidth) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = '';
    for (const piece of splitWord(word, maxWidth, width)) {
      if (line) lines.push(line);
      line = piece;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** A word cut into the longest pieces that fit (at least one character each). */
function splitWord(word: string, maxWidth: number, width: LineWidth): string[] {
  const chars = [...word];
  const pieces: string[] = [];
  let piece = '';
  for (const c of chars) {
    if (piece && width(piece + c) > maxWidth) {
      pieces.push(piece);
      piece = '';
    }
    piece += c;
  }
  if (piece) pieces.push(piece);
  return pieces;
}

/**
 * The split of `words` into two lines no wider than `maxWidth` whose wider line is narrowest
 * (balanced lines read better than a full line over a stub); `penalty(i)` (in pixels)
 * discourages breaking after word i. Undefined when no split fits.
 */
export function balancedSplit(
  words: readonly string[],
  maxWidth: number,
  width: LineWidth,
  penalty: (i: number) => number = () => 0,
) {
  let best: { lines: [string, string]; widest: number; score: number } | undefined;
  for (let i = 1; i < words.length; i++) {
    const lines: [string, string] = [words.slice(0, i).join(' '), words.slice(i).join(' ')];
    const widest = Math.max(width(lines[0]), width(lines[1]));
    if (widest > maxWidth) continue;
    const score = widest + penalty(i - 1);
    if (!best || score < best.score) best = { lines, widest, score };
  }
  return best;
}

/** Where a heading landed: its size, its (one or two) lines, and whether it fitted uncut. */
export interface FittedText {
  sizePx: number;
  lines: string[];
  fits: boolean;
}

export interface FitOptions {
  maxWidth: number;
  maxSizePx: number;
  minSizePx: number;
}

/**
 * The largest size (from `maxSizePx` down to `minSizePx`, in ~4 % steps) at which `text` fits
 * `maxWidth` on one line or two balanced lines. At the minimum size a text that still does not
 * fit is cut to two lines ending in "…" and reported with `fits: false`.
 */
export function fitText(text: string, measure: MeasureText, options: FitOptions): FittedText {
  const words = wordsOf(text);
  if (words.length === 0) return { sizePx: options.maxSizePx, lines: [], fits: true };
  const { maxWidth, minSizePx } = options;
  for (let size = options.maxSizePx; ; size = Math.max(minSizePx, Math.floor(size * 0.96))) {
    const width: LineWidth = (t) => measure(t, size);
    if (width(words.join(' ')) <= maxWidth) return { sizePx: size, lines: [words.join(' ')], fits: true };
    const split = balancedSplit(words, maxWidth, width);
    if (split) return { sizePx: size, lines: split.lines, fits: true };
    if (size === minSizePx) return { sizePx: size, lines: cutToLines(text, maxWidth, width, 2), fits: false };
  }
}

/** The first `maxLines` wrapped lines, the last one shortened to end in "…" when text was left over. */
export function cutToLines(text: string, maxWidth: number, width: LineWidth, maxLines: number): string[] {
  const lines = wrapToWidth(text, maxWidth, width);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1]!;
  while (last.length > 0 && width(`${last}…`) > maxWidth) last = [...last].slice(0, -1).join('').trimEnd();
  kept[maxLines - 1] = `${last}…`;
  return kept;
}
