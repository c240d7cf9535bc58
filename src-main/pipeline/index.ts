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
 * Relative cost of each step, as measured on the 12-scene benchmark (1280x720, espeak): encoding
 * the scenes is ~94 % of the wall time, speech ~3 % (nothing when silent), preflight and joining
 * with -c copy ~1 % each. Images add a decode check each to preflight.
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
    render: 2,
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
