import { balancedSplit, wrapToWidth, type LineWidth } from './text-layout.js';

/** One caption page: what is on screen together, already broken into lines. */
export interface CaptionPage {
  text: string;
  lines: string[];
  /** Character index in the narration where the page's first word starts. */
  offset: number;
  /** How the page ends: a paragraph, a sentence, a phrase (comma etc.) or mid-phrase. */
  ending: 'paragraph' | 'sentence' | 'phrase' | 'word';
}

export interface PagingOptions {
  maxWidth: number;
  maxLines: number;
  width: LineWidth;
  /** Character offsets where a page must start (sub-headings). */
  hardBreaks?: readonly number[];
  /** Pages shorter than this many characters cost extra (too brief to read): they merge with a neighbour. */
  minChars?: number;
}

interface Word {
  text: string;
  offset: number;
}

// Words a page (or a line) must not end on: "…and under" / "…of the" leave the phrase hanging.
const DANGLING = new Set(
  (
    'a an the and or nor but so yet of in on at to for from by with into onto under over about above below ' +
    'between through across after before during without within upon against toward towards like than as ' +
    'that which who whom whose where when while because if unless although though since until ' +
    'is are was were be been being am has have had do does did will would can could should may might must ' +
    'my your his her its our their this these those not no very more most some any each every such'
  ).split(' '),
);
// Words that open a new clause: a page break just before one falls between phrases.
const CLAUSE_OPENERS = new Set(
  'and but or nor so yet because which who whom whose where when while although though if unless until since then whereas'.split(
    ' ',
  ),
);
// Words that open a phrase: a break just before one keeps the phrase whole ("…deep sea | with eight arms").
const PHRASE_OPENERS = new Set(
  'in on at to for from by with into onto under over about above below between through across after before during without within upon against toward towards like than as'.split(
    ' ',
  ),
);
const ABBREVIATIONS = new Set('mr mrs ms dr st prof jr sr vs etc e.g i.e no approx'.split(' '));

const bare = (w: string) => w.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}.]+$/gu, '');

/** How a break after this word reads: the end of a sentence, of a phrase, or in the middle of one. */
function endingAfter(word: string, next: string | undefined): CaptionPage['ending'] {
  const core = word.replace(/["'”’)\]]+$/u, '');
  if (/[.!?…]$/u.test(core) && !ABBREVIATIONS.has(bare(core).replace(/\.$/, ''))) {
    if (next === undefined || /^["'“‘(]?[\p{Lu}\p{N}]/u.test(next)) return 'sentence';
  }
  if (/[,;:]$/u.test(core) || next === '—' || next === '–' || /[—–]$/u.test(core)) return 'phrase';
  return 'word';
}

/** Cost of ending a page after `word` (lower is a better place); `next` is the word after it. */
function breakCost(word: string, next: string | undefined): number {
  const ending = endingAfter(word, next);
  if (ending === 'sentence') return 0;
  if (ending === 'phrase') return 8;
  if (DANGLING.has(bare(word))) return 400;
  if (next !== undefined && CLAUSE_OPENERS.has(bare(next))) return 20;
  if (next !== undefined && PHRASE_OPENERS.has(bare(next))) return 35;
  return 90;
}

/** Narration words with their character offsets, split into runs no page may cross (paragraphs, sub-headings). */
function runsOf(text: string, hardBreaks: readonly number[]): Word[][] {
  const runs: Word[][] = [];
  let run: Word[] = [];
  const breaks = new Set(hardBreaks);
  const pattern = /\n\s*\n|\S+/g;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const isParagraph = m[0].trim() === '';
    if (isParagraph || [...breaks].some((b) => b <= m!.index && b > (run.at(-1)?.offset ?? -1))) {
      if (run.length > 0) runs.push(run);
      run = [];
    }
    if (!isParagraph) run.push({ text: m[0], offset: m.index });
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/**
 * Pages the narration into captions of at most `maxLines` lines, choosing page ends by cost
 * (dynamic programming over each paragraph): sentence ends are free, phrase ends cheap, a break
 * before a new clause fair, mid-phrase dear and after "and"/"under"/"the" prohibitive; pages
 * too short to read cost extra, and every page costs a little so short sentences share one.
 */
export function pageCaptions(text: string, options: PagingOptions): CaptionPage[] {
  const { maxWidth, maxLines, width } = options;
  const minChars = options.minChars ?? 16;
  const pages: CaptionPage[] = [];
  for (const run of runsOf(text, options.hardBreaks ?? [])) {
    const n = run.length;
    // best[i]: cheapest paging of words [0, i); from[i]: where its last page starts.
    const best = new Array<number>(n + 1).fill(Infinity);
    const from = new Array<number>(n + 1).fill(0);
    best[0] = 0;
    const endings = run.map((w, i) => endingAfter(w.text, run[i + 1]?.text));
    const costs = run.map((w, i) => breakCost(w.text, run[i + 1]?.text));
    const m = runMetrics(run, width);
    for (let end = 1; end <= n; end++) {
      const endsSentence = end === n || endings[end - 1] === 'sentence';
      let sentenceInside = false;
      // Words after the page's last phrase or sentence end: when the page then stops mid-phrase,
      // a short tail ("…open jars, escape") is a phrase torn off its rest.
      let tail = 0;
      let tailFound = false;
      for (let start = end - 1; start >= 0; start--) {
        if (!tailFound && start < end - 1 && endings[start] !== 'word') tailFound = true;
        if (!tailFound) tail++;
        if (end - start > 1 && !m.fits(start, end, maxWidth, maxLines)) break; // longer pages only get worse
        // A page may hold the end of one sentence and the start of the next only if it finishes that one too.
        if (start < end - 1 && endings[start] === 'sentence') sentenceInside = true;
        if (sentenceInside && !endsSentence) continue;
        let last = end === n ? 0 : costs[end - 1]!;
        if (end < n && endings[end - 1] === 'word' && tailFound && tail <= 2) last += 60;
        const short = Math.max(0, minChars - m.chars(start, end)) * 6;
        const inside = maxLines === 2 ? (m.bestSplit(start, end, maxWidth, costs)?.cost ?? 0) : 0;
        const cost = best[start]! + last + short + inside / 4 + 12;
        if (cost < best[end]!) {
          best[end] = cost;
          from[end] = start;
        }
      }
    }
    const cuts: number[] = [];
    for (let end = n; end > 0; end = from[end]!) cuts.unshift(from[end]!);
    cuts.push(n);
    for (let k = 0; k + 1 < cuts.length; k++) {
      const words = run.slice(cuts[k], cuts[k + 1]);
      const pageText = words.map((w) => w.text).join(' ');
      const lastWord = words.at(-1)!.text;
      pages.push({
        text: pageText,
        lines: linesOf(pageText, maxWidth, width, maxLines),
        offset: words[0]!.offset,
        ending: k + 2 === cuts.length ? 'paragraph' : endingAfter(lastWord, run[cuts[k + 1]!]?.text),
      });
    }
  }
  return pages;
}

/**
 * Widths of runs of words from prefix sums: our measures add up glyph advances, so a line's width
 * is its words' widths plus its spaces'. This keeps the paging linear in the candidate pages.
 */
function runMetrics(run: readonly Word[], width: LineWidth) {
  const space = width(' ');
  const px = [0];
  const cs = [0];
  for (const w of run) {
    px.push(px.at(-1)! + width(w.text));
    cs.push(cs.at(-1)! + w.text.length);
  }
  const lineWidth = (a: number, b: number) => px[b]! - px[a]! + (b - a - 1) * space;
  return {
    chars: (a: number, b: number) => cs[b]! - cs[a]! + (b - a - 1),
    /** Whether words [a, b) wrap greedily (the fewest lines) into `maxLines` lines. */
    fits(a: number, b: number, maxWidth: number, maxLines: number): boolean {
      let lines = 0;
      for (let pos = a; pos < b; lines++) {
        if (lines === maxLines) return false;
        let next = pos + 1;
        while (next < b && lineWidth(pos, next + 1) <= maxWidth) next++;
        if (lineWidth(pos, next) > maxWidth) return false; // one word wider than a line
        pos = next;
      }
      return true;
    },
    /** The two-line split of words [a, b) the page would use (see linesOf) and the break cost there; undefined on one line. */
    bestSplit(a: number, b: number, maxWidth: number, costs: readonly number[]) {
      if (lineWidth(a, b) <= maxWidth) return undefined;
      let best: { score: number; cost: number } | undefined;
      for (let i = a + 1; i < b; i++) {
        const widest = Math.max(lineWidth(a, i), lineWidth(i, b));
        if (widest > maxWidth) continue;
        const score = widest + costs[i - 1]! * 0.002 * maxWidth;
        if (!best || score < best.score) best = { score, cost: costs[i - 1]! };
      }
      return best;
    },
  };
}

/** A page's lines: one if it fits, else balanced at the best phrase break, else greedy (too many lines = too long). */
function linesOf(text: string, maxWidth: number, width: LineWidth, maxLines: number): string[] {
  if (width(text) <= maxWidth) return [text];
  const words = text.split(' ');
  if (maxLines === 2) {
    const split = balancedSplit(words, maxWidth, width, (i) => breakCost(words[i]!, words[i + 1]) * 0.002 * maxWidth);
    if (split) return split.lines;
  }
  return wrapToWidth(text, maxWidth, width);
}
