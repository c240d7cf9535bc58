// Pure: the spec's validation counts a script's scenes with it, the pipeline's script step builds them.
import { parseNarration, stripInlineMarkdown, type SubHeading } from './script-markdown.js';

/** A heading and the paragraphs under it, as found in a script. */
export interface ScriptSection {
  heading: string;
  narration: string;
  /** `##`/`###` lines under the heading: shown on screen, never read out. */
  subheadings: SubHeading[];
}

const HEADING = /^\s{0,3}#(?!#)\s*(.*?)\s*#*\s*$/;

/**
 * Splits a script into sections: a `# Heading` line starts a scene, the paragraphs under it
 * are its narration (markdown stripped, see parseNarration). Text before the first heading
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
    .map((s) => ({ heading: stripInlineMarkdown(s.heading).trim(), ...parseNarration(s.lines) }))
    .filter((s) => s.heading !== '' || s.narration !== '' || s.subheadings.length > 0);
}
