// Pure: the markdown a creator writes in a script, turned into what is spoken and what is shown.

/** A `##`/`###` line: shown on screen from `offset` (a character index into the narration) on. */
export interface SubHeading {
  text: string;
  offset: number;
}

/** A scene body as read out: plain narration (paragraphs split by a blank line) and its sub-headings. */
export interface NarrationBody {
  narration: string;
  subheadings: SubHeading[];
}

const SUB_HEADING = /^\s{0,3}#{2,6}\s*(.*?)\s*#*\s*$/;
const LIST_ITEM = /^\s*(?:[-*+•]|\d{1,3}[.)])\s+/;
const QUOTE = /^\s{0,3}>\s?/;
const RULE = /^\s{0,3}([-*_])(?:\s*\1){2,}\s*$/;

/**
 * Inline markdown to plain text: `**bold**`, `__bold__`, `*em*`, `_em_`, `~~strike~~` and
 * `` `code` `` keep their words; links `[t](u)` and images `![t](u)` keep their text; `\*`
 * escapes become the character. Underscores and asterisks inside words (snake_case, 2*3) stay.
 */
export function stripInlineMarkdown(text: string): string {
  // Escaped characters are parked in the private-use area so no emphasis rule sees them.
  const parked = text.replace(/\\([\\`*_{}[\]()#+\-.!~>])/g, (_m, c: string) =>
    String.fromCharCode(0xe000 + c.charCodeAt(0)),
  );
  return parked
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/~~(?=\S)([\s\S]*?\S)~~/g, '$1')
    .replace(/(^|[^\w*])\*(?=\S)([^*]*?\S)\*(?![\w*])/g, '$1$2')
    .replace(/(^|[^\w])_(?=\S)([^_]*?\S)_(?!\w)/g, '$1$2')
    .replace(/[\ue000-\ue07f]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xe000));
}

/**
 * A scene's body lines into narration: wrapped lines join with a space, a blank line, a list item
 * or a sub-heading starts a new paragraph (so each is its own sentence on screen and in speech),
 * quote markers and rules are dropped, inline markdown is stripped.
 */
export function parseNarration(lines: readonly string[]): NarrationBody {
  const paragraphs: string[] = [];
  const subheadings: SubHeading[] = [];
  let words: string[] = [];
  const endParagraph = () => {
    const text = stripInlineMarkdown(words.join(' ')).replace(/\s+/g, ' ').trim();
    if (text !== '') paragraphs.push(text);
    words = [];
  };
  const offsetOfNext = () =>
    paragraphs.reduce((n, p, i) => n + p.length + (i > 0 ? 2 : 0), 0) + (paragraphs.length > 0 ? 2 : 0);
  for (const raw of lines) {
    const sub = SUB_HEADING.exec(raw);
    if (sub) {
      endParagraph();
      const text = stripInlineMarkdown(sub[1] ?? '').trim();
      if (text !== '') subheadings.push({ text, offset: offsetOfNext() });
      continue;
    }
    if (RULE.test(raw) || raw.trim() === '') {
      endParagraph();
      continue;
    }
    let line = raw.replace(QUOTE, '');
    if (LIST_ITEM.test(line)) {
      endParagraph();
      line = line.replace(LIST_ITEM, '');
    }
    words.push(line.trim());
  }
  endParagraph();
  const narration = paragraphs.join('\n\n');
  // A sub-heading after the last words points at the end: it shows for the rest of the scene.
  return { narration, subheadings: subheadings.map((s) => ({ ...s, offset: Math.min(s.offset, narration.length) })) };
}
