/** One caption shown from `startSec` to `endSec` of its scene, already wrapped into lines. */
export interface CaptionCue {
  lines: string[];
  startSec: number;
  endSec: number;
}

/**
 * Greedy word wrap to at most `maxChars` per line; a word longer than a line is split.
 * Whitespace (newlines included) collapses to single spaces.
 */
export function wrapText(text: string, maxChars: number): string[] {
  const width = Math.max(1, Math.floor(maxChars));
  const lines: string[] = [];
  let line = '';
  for (let word of text.split(/\s+/).filter(Boolean)) {
    while (word.length > width) {
      if (line) lines.push(line);
      lines.push(word.slice(0, width));
      word = word.slice(width);
      line = '';
    }
    if (!word) continue;
    if (!line) line = word;
    else if (line.length + 1 + word.length <= width) line += ' ' + word;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * Narration into timed caption cues of up to `linesPerCue` lines each, each cue on screen for a
 * share of the scene proportional to its characters (speech takes time per character, roughly).
 */
export function captionCues(text: string, maxChars: number, linesPerCue: number, durationSec: number): CaptionCue[] {
  const lines = wrapText(text, maxChars);
  const groups: string[][] = [];
  for (let i = 0; i < lines.length; i += linesPerCue) groups.push(lines.slice(i, i + linesPerCue));
  const weights = groups.map((g) => g.reduce((n, l) => n + l.length + 1, 0));
  const total = weights.reduce((a, b) => a + b, 0);
  let start = 0;
  return groups.map((g, i) => {
    const end = i === groups.length - 1 ? durationSec : start + (durationSec * weights[i]!) / total;
    const cue = { lines: g, startSec: round3(start), endSec: round3(end) };
    start = end;
    return cue;
  });
}

/**
 * Escapes a value for an ffmpeg filter option inside a filter graph given on the command line:
 * first for the option parser (`\ ' :`), then for the graph parser (`\ ' [ ] , ;`).
 * With `expansion=none` on drawtext the result then renders literally (`%` included).
 */
export function escapeFilterValue(value: string): string {
  const optionLevel = value.replace(/[\\':]/g, (c) => '\\' + c);
  return optionLevel.replace(/[\\'[\],;]/g, (c) => '\\' + c);
}

/** Characters drawtext cannot show sensibly (control characters) become spaces. */
export function sanitizeCaption(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]/g, ' ');
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
