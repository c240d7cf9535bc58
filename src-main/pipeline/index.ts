import type { RenderSpec } from '../../src-shared/spec.js';
import type { Step, StepsFactory } from '../engine/step.js';
import { buildScenes } from './script-parser.js';
import { narrationStep } from './steps/narration.js';
import { preflightStep } from './steps/preflight.js';
import { renderStep } from './steps/render.js';
import { scriptStep } from './steps/script.js';
import { visualsStep } from './steps/visuals.js';

export { artifactNames } from '../../src-shared/artifact-names.js';

/**
 * Relative cost of each step, as measured on the 12-scene benchmark (1280x720, espeak, on the
 * bundled ffmpeg): encoding the scenes is ~75 % of the wall time (32.7 s), the render step ~22 %
 * (9.3 s with a music bed: measuring and normalising the soundtrack, its AAC encode, the
 * stream-copy join, the thumbnail; a little less without music), speech ~1 % (nothing when silent),
 * preflight under 1 %. Images add a decode check each to preflight.
 */
export function stepWeights(
  spec: RenderSpec,
): Record<'preflight' | 'script' | 'narration' | 'visuals' | 'render', number> {
  const images = buildScenes(spec).filter((s) => s.image !== undefined).length;
  return {
    preflight: 1 + images * 0.2,
    script: 0.2,
    narration: spec.voice.engine === 'none' ? 0.5 : 3,
    visuals: 94,
    render: spec.music ? 27 : 22,
  };
}

/** The render pipeline: preflight → script → narration (Voice) → visuals → render. */
export const createPipelineSteps: StepsFactory = (spec): Step[] => {
  const w = stepWeights(spec);
  return [
    preflightStep(w.preflight),
    scriptStep(w.script),
    narrationStep(w.narration),
    visualsStep(w.visuals),
    renderStep(w.render),
  ];
};
