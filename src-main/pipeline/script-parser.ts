import { parseNarration, stripInlineMarkdown, type SubHeading } from '../../src-shared/script-markdown.js';
import { parseScript } from '../../src-shared/script-sections.js';
import type { RenderSpec } from '../../src-shared/spec.js';

export { parseScript, type ScriptSection } from '../../src-shared/script-sections.js';

/** One scene as the script step hands it on (scenes.json). */
export interface Scene {
  /** 1-based, stable: file names and checkpoint keys use it. */
  index: number;
  heading: string;
  narration: string;
  /** Explicit length from the spec; otherwise the narration's audio length decides. */
  durationSec?: number;
  background: string;
  /** `##` lines: on-screen sub-headings, each from its narration offset on. */
  subheadings?: SubHeading[];
  image?: string;
  /** Set for image scenes: how the image moves and fills the frame. */
  motion?: 'ken-burns' | 'none';
  fit?: 'cover' | 'contain';
}

/** Backgrounds cycled through for scenes that name none, so consecutive scenes differ. */
export const DEFAULT_BACKGROUNDS = ['#1d3557', '#264653', '#3a5a40', '#6d597a', '#457b9d', '#9c6644'] as const;

/** The spec's script or explicit scenes as the scene list, markdown stripped, default backgrounds and image look filled in. */
export function buildScenes(spec: RenderSpec): Scene[] {
  const sections =
    spec.scenes?.map((s) => ({
      heading: stripInlineMarkdown(s.heading),
      ...parseNarration(s.narration.replace(/\r\n?/g, '\n').split('\n')),
    })) ?? parseScript(spec.script ?? '');
  return sections.map((s, i) => {
    const explicit = spec.scenes?.[i];
    const scene: Scene = {
      index: i + 1,
      heading: s.heading.trim(),
      narration: s.narration,
      background: explicit?.background ?? DEFAULT_BACKGROUNDS[i % DEFAULT_BACKGROUNDS.length]!,
    };
    if (s.subheadings.length > 0) scene.subheadings = s.subheadings;
    if (explicit?.durationSec !== undefined) scene.durationSec = explicit.durationSec;
    if (explicit?.image !== undefined) {
      scene.image = explicit.image;
      scene.motion = explicit.motion ?? 'ken-burns';
      scene.fit = explicit.fit ?? 'cover';
    }
    return scene;
  });
}
