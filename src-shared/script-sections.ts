// Pure: the spec's validation counts a script's scenes with it, the pipeline's script step builds them.

/** A heading and the paragraphs under it, as found in a script. */
export interface ScriptSection {
  heading: string;
  narration: string;
}

const HEADING = /^\s{0,3}#(?!#)\s*(.*?)\s*#*\s*$/;

/**
 * Splits a script into sections: a `# Heading` line starts a scene, the paragraphs under it
 * are its narration (joined into one paragraph-separated text). Text before the first heading
 * becomes a scene without a heading. Sections with neither heading nor text are dropped.
 */
export function parseScript(text: string): ScriptSection[] {
  const sections: { heading: string; lines: string[] }[] = [];
  let current: { heading: string; lines: string[] } = { heading: '', lines: [] };
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    const m = HEADING.exec(line);
    if (m) {
      sections.push(current);
      current = { heading: m[1] ?? '', lines: [] };
    } else {
      current.lines.push(line);
    }
  }
  sections.push(current);
  return sections
    .map((s) => ({ heading: s.heading.trim(), narration: joinParagraphs(s.lines) }))
    .filter((s) => s.heading !== '' || s.narration !== '');
}

/** Lines into paragraphs: wrapped lines are joined by a space, paragraphs by a blank line. */
function joinParagraphs(lines: string[]): string {
  const paragraphs: string[] = [];
  let words: string[] = [];
  for (const line of lines) {
    const t = line.trim();
    if (t === '') {
      if (words.length > 0) paragraphs.push(words.join(' '));
      words = [];
    } else {
      words.push(t.replace(/\s+/g, ' '));
    }
  }
  if (words.length > 0) paragraphs.push(words.join(' '));
  return paragraphs.join('\n\n');
}
