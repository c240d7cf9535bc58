import type { RenderSpec } from '../../src-shared/spec.js';

/** One scene as the script step hands it on (scenes.json). */
export interface Scene {
  /** 1-based, stable: file names and checkpoint keys use it. */
  index: number;
  heading: string;
  narration: string;
  /** Explicit length from the spec; otherwise the narration's audio length decides. */
  durationSec?: number;
  background: string;
  image?: string;
}

/** A heading and the paragraphs under it, as found in a script. */
export interface ScriptSection {
  heading: string;
  narration: string;
}

/** Backgrounds cycled through for scenes that name none, so consecutive scenes differ. */
export const DEFAULT_BACKGROUNDS = ['#1d3557', '#264653', '#3a5a40', '#6d597a', '#457b9d', '#9c6644'] as const;

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

/** The spec's script or explicit scenes as the scene list, with default backgrounds filled in. */
export function buildScenes(spec: RenderSpec): Scene[] {
  const sections = spec.scenes ?? parseScript(spec.script ?? '');
  return sections.map((s, i) => {
    const explicit = spec.scenes?.[i];
    const scene: Scene = {
      index: i + 1,
      heading: s.heading.trim(),
      narration: s.narration.trim(),
      background: explicit?.background ?? DEFAULT_BACKGROUNDS[i % DEFAULT_BACKGROUNDS.length]!,
    };
    if (explicit?.durationSec !== undefined) scene.durationSec = explicit.durationSec;
    if (explicit?.image !== undefined) scene.image = explicit.image;
    return scene;
  });
}
