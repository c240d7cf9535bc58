/**
 * The render form's state: every control's value as the control holds it (strings for number
 * inputs, so a half-typed "1." is kept as typed). form-spec.ts converts it to and from a spec.
 */
import type { CAPTION_MODES, FITS, MOTIONS, OUTPUT_ENCODERS, TRANSITION_TYPES } from '../../src-shared/spec.js';
import { DEFAULT_SIZE } from './presets.js';

/** One scene of the scene list. `key` is the form's own, for React lists; it is never sent. */
export interface SceneDraft {
  key: string;
  heading: string;
  narration: string;
  /** `#rrggbb`, or '' for the pipeline's own colour. */
  background: string;
  /** An absolute path, or ''. */
  image: string;
  motion: (typeof MOTIONS)[number];
  fit: (typeof FITS)[number];
  /** Seconds as typed; '' = as long as the narration. */
  duration: string;
}

export interface FormState {
  title: string;
  /** Which of the spec's two ways to say the content is sent: the script text or the scene list. */
  mode: 'script' | 'scenes';
  script: string;
  scenes: SceneDraft[];
  /** A preset id, `WIDTHxHEIGHT` from the other sizes, or `custom`. */
  size: string;
  customWidth: string;
  customHeight: string;
  /** '' = the preset's (30 fps). */
  fps: string;
  quality: 'draft' | 'standard' | 'high';
  encoder: (typeof OUTPUT_ENCODERS)[number];
  voiceEngine: 'auto' | 'espeak' | 'none';
  voiceName: string;
  rate: string;
  musicPath: string;
  musicVolumeDb: string;
  musicDuck: boolean;
  transition: (typeof TRANSITION_TYPES)[number];
  transitionSec: string;
  captions: (typeof CAPTION_MODES)[number];
  chapters: boolean;
  /** 0-based scene index as typed. */
  thumbnailScene: string;
}

/** The spec's defaults (API.md), which the form shows and does not send. */
export const DEFAULTS = {
  voiceName: 'en',
  rate: 170,
  musicVolumeDb: -18,
  transition: 'crossfade',
  transitionSec: 0.5,
  captions: 'both',
  motion: 'ken-burns',
  fit: 'cover',
} as const;

let sceneCounter = 0;

/** A fresh, empty scene with a key no other scene of this page has. */
export function newScene(fields: Partial<Omit<SceneDraft, 'key'>> = {}): SceneDraft {
  sceneCounter += 1;
  return {
    key: `scene-${Date.now().toString(36)}-${sceneCounter}`,
    heading: '',
    narration: '',
    background: '',
    image: '',
    motion: DEFAULTS.motion,
    fit: DEFAULTS.fit,
    duration: '',
    ...fields,
  };
}

export const INITIAL_FORM: FormState = {
  title: '',
  mode: 'script',
  script: '',
  scenes: [],
  size: DEFAULT_SIZE,
  customWidth: '1280',
  customHeight: '720',
  fps: '',
  quality: 'standard',
  encoder: 'auto',
  voiceEngine: 'auto',
  voiceName: DEFAULTS.voiceName,
  rate: String(DEFAULTS.rate),
  musicPath: '',
  musicVolumeDb: String(DEFAULTS.musicVolumeDb),
  musicDuck: true,
  transition: DEFAULTS.transition,
  transitionSec: String(DEFAULTS.transitionSec),
  captions: DEFAULTS.captions,
  chapters: true,
  thumbnailScene: '0',
};
