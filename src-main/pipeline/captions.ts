import type { CaptionPage } from './caption-paging.js';

/** One caption as burned in and as written to .srt/.vtt: seconds from the scene's start. */
export interface CaptionCue {
  start: number;
  end: number;
  /** The page's words on one line (what a sidecar file carries; players wrap it themselves). */
  text: string;
  /** The page as burned in: at most two lines. */
  lines: string[];
}

// Speech pauses after a page, in characters of speech: espeak stops longer at a full stop than at a comma.
const PAUSE_CHARS: Record<CaptionPage['ending'], number> = { paragraph: 12, sentence: 8, phrase: 3, word: 0 };
/** How long the last caption stays after the voice ends (never past the clip). */
export const CAPTION_HOLD_SEC = 0.5;

/**
 * Times pages to the narration: the voice's `audioSec` is shared by characters spoken plus the
 * pauses at page ends, so each page is up while its words are said (we have no word timings; at
 * a steady rate the share is close). The last page holds a moment after the voice, within `clipSec`.
 */
export function timeCaptions(pages: readonly CaptionPage[], audioSec: number, clipSec: number): CaptionCue[] {
  const weights = pages.map((p) => p.text.length + PAUSE_CHARS[p.ending]);
  const total = weights.reduce((a, b) => a + b, 0);
  const speechSec = Math.min(audioSec, clipSec);
  let start = 0;
  return pages.map((page, i) => {
    const last = i === pages.length - 1;
    const spoken = start + (speechSec * weights[i]!) / total;
    const end = last ? Math.min(clipSec, speechSec + CAPTION_HOLD_SEC) : spoken;
    const cue = { start: round3(start), end: round3(end), text: page.text, lines: page.lines };
    start = spoken;
    return cue;
  });
}

/** When the page holding narration offset `offset` starts (sub-headings appear with their words). */
export function timeAtOffset(pages: readonly CaptionPage[], cues: readonly CaptionCue[], offset: number): number {
  const i = pages.findIndex((p) => p.offset >= offset);
  if (i >= 0) return cues[i]!.start;
  return cues.at(-1)?.end ?? 0;
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
