import type { RenderSpec } from './spec.js';

/** A scene-starting line of a script (the script step's rule: `# Heading`, not `##`). */
const HEADING = /^\s{0,3}#(?!#)/;

/** Reading time of `text` at `rateWpm`, at least 2 s: how long a scene's narration lasts before audio exists. */
export function readingSeconds(text: string, rateWpm: number): number {
  const words = text.split(/\s+/).filter(Boolean).length;
  return Math.max(2, (words / rateWpm) * 60);
}

/** The narration text of each scene a script makes (text before the first heading is a scene too). */
export function scriptSceneTexts(script: string): string[] {
  const scenes: string[][] = [];
  let current: string[] | null = null;
  for (const line of script.split(/\r?\n/)) {
    if (HEADING.test(line)) {
      current = [];
      scenes.push(current);
    } else if (current) current.push(line);
    else if (line.trim() !== '') scenes.push((current = [line]));
  }
  return scenes.length === 0 ? [''] : scenes.map((lines) => lines.join(' '));
}

/**
 * The video length a spec is expected to make, before any audio exists: each scene's explicit
 * duration, or its narration's reading time. The queue's finish estimate multiplies it by the
 * machine's measured render speed.
 */
export function expectedVideoSeconds(spec: Pick<RenderSpec, 'script' | 'scenes' | 'voice'>): number {
  const rate = spec.voice.rate;
  if (spec.scenes) return spec.scenes.reduce((sum, s) => sum + (s.durationSec ?? readingSeconds(s.narration, rate)), 0);
  return scriptSceneTexts(spec.script ?? '').reduce((sum, text) => sum + readingSeconds(text, rate), 0);
}
