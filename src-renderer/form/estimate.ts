/**
 * The video's expected length before rendering: each scene lasts its explicit duration, else its
 * narration's words at the speaking rate, at least 2 s (the pipeline's rule for silent scenes).
 */
import { parseNarration } from '../../src-shared/script-markdown.js';
import { parseScript } from '../../src-shared/script-sections.js';
import { DEFAULTS, type FormState } from './form-state.js';

/** A scene without an explicit duration lasts at least this long. */
export const MIN_SCENE_SECONDS = 2;

/** Words a narrator reads: the pipeline's own markdown rules (`##` sub-headings and symbols are not read out). */
export function spokenWords(narration: string): number {
  const spoken = parseNarration(narration.split('\n')).narration;
  return spoken.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

/** Seconds one scene lasts: its explicit duration, or its words at `rate` words per minute. */
export function sceneSeconds(narration: string, duration: number | undefined, rate: number): number {
  if (duration !== undefined && Number.isFinite(duration) && duration > 0) return duration;
  return Math.max(MIN_SCENE_SECONDS, (spokenWords(narration) / rate) * 60);
}

/** The estimate for the form as it stands: total seconds and the scene count (0 when nothing is written). */
export function estimateVideo(form: FormState): { seconds: number; scenes: number } {
  const typedRate = Number(form.rate);
  const rate = Number.isFinite(typedRate) && typedRate >= 80 && typedRate <= 450 ? typedRate : DEFAULTS.rate;
  const scenes =
    form.mode === 'script'
      ? parseScript(form.script).map((s) => ({ narration: s.narration, duration: undefined }))
      : form.scenes.map((s) => ({
          narration: s.narration,
          duration: s.duration.trim() === '' ? undefined : Number(s.duration),
        }));
  const seconds = scenes.reduce((sum, s) => sum + sceneSeconds(s.narration, s.duration, rate), 0);
  return { seconds: Math.round(seconds * 10) / 10, scenes: scenes.length };
}
