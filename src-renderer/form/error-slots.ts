/** Which error slots (issue-sentences.ts FieldKey) belong to which form fields. */
import type { FormState } from './form-state.js';
import type { FieldKey } from './issue-sentences.js';

/** Error slots of the controls inside "More options": an error there opens it. */
const ADVANCED = /^(voice\.(voice|rate)|music\.|transition|captions|chapters|thumbnail|output\.encoder)/;

/** Which error slots a change to a form field makes stale. */
export function staleErrors(key: keyof FormState): (errorKey: FieldKey) => boolean {
  const prefix: Partial<Record<keyof FormState, string>> = {
    title: 'title',
    script: 'script',
    scenes: 'scenes',
    size: 'output.size',
    customWidth: 'output.size',
    customHeight: 'output.size',
    fps: 'output.fps',
    quality: 'output.quality',
    encoder: 'output.encoder',
    voiceEngine: 'voice.engine',
    voiceName: 'voice.voice',
    rate: 'voice.rate',
    musicPath: 'music',
    musicVolumeDb: 'music.volumeDb',
    transition: 'transition',
    transitionSec: 'transition',
    captions: 'captions',
    thumbnailScene: 'thumbnail',
  };
  const p = prefix[key];
  return (errorKey) => p !== undefined && errorKey.startsWith(p);
}

/** True for an error slot inside "More options". */
export function isAdvancedSlot(key: FieldKey): boolean {
  return ADVANCED.test(key);
}
