import type { RenderSpec } from '../../../src-shared/spec.js';
import { scriptSceneTexts } from '../../../src-shared/video-length.js';

/** How many scenes a spec makes, by the pipeline's rules: its `scenes`, or one per script scene. */
export function sceneCount(spec: RenderSpec): number {
  return spec.scenes ? spec.scenes.length : scriptSceneTexts(spec.script ?? '').length;
}

/** The thumbnail file of scene `index` (from 0): the pipeline numbers scenes from 1. */
export function sceneThumbName(index: number): string {
  return `scene-${index + 1}.jpg`;
}
