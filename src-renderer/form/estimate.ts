/**
 * The video's expected length before rendering, by the same rule the queue's finish estimate
 * uses (src-shared/video-length.ts): each scene lasts its explicit duration, else its narration's
 * reading time at the speaking rate, at least 2 s.
 */
import { expectedVideoSeconds, scriptSceneTexts } from '../../src-shared/video-length.js';
import { DEFAULTS, type FormState } from './form-state.js';

/** A number typed in the form, when it is one the spec accepts in `min`..`max`. */
function typedNumber(text: string, min: number, max: number): number | undefined {
  if (text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) && value >= min && value <= max ? value : undefined;
}

/** The estimate for the form as it stands: total seconds and the scene count (0 when nothing is written). */
export function estimateVideo(form: FormState): { seconds: number; scenes: number } {
  const voice = {
    engine: form.voiceEngine,
    voice: form.voiceName,
    rate: typedNumber(form.rate, 80, 450) ?? DEFAULTS.rate,
  };
  let seconds: number;
  let scenes: number;
  if (form.mode === 'script') {
    if (form.script.trim() === '') return { seconds: 0, scenes: 0 };
    seconds = expectedVideoSeconds({ script: form.script, scenes: undefined, voice });
    scenes = scriptSceneTexts(form.script).length;
  } else {
    const list = form.scenes.map((s) => {
      const durationSec = typedNumber(s.duration, 0.5, 600);
      return { heading: s.heading, narration: s.narration, ...(durationSec === undefined ? {} : { durationSec }) };
    });
    seconds = expectedVideoSeconds({ script: undefined, scenes: list, voice });
    scenes = list.length;
  }
  return { seconds: Math.round(seconds * 10) / 10, scenes };
}
