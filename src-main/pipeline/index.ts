import type { RenderSpec } from '../../src-shared/spec.js';
import type { Step, StepsFactory } from '../engine/step.js';
import { buildScenes } from './script-parser.js';
import { narrationStep } from './steps/narration.js';
import { preflightStep } from './steps/preflight.js';
import { renderStep } from './steps/render.js';
import { scriptStep } from './steps/script.js';
import { visualsStep } from './steps/visuals.js';

export { OUTPUT_NAME } from './steps/render.js';

/**
 * Relative cost of each step, measured on the 12-scene benchmark: encoding the scenes dominates;
 * speech is a few percent (nothing when silent); joining with -c copy is cheap.
 */
export function stepWeights(
  spec: RenderSpec,
): Record<'preflight' | 'script' | 'narration' | 'visuals' | 'render', number> {
  const scenes = buildScenes(spec).length;
  return {
    preflight: 2 + scenes * 0.1,
    script: 0.5,
    narration: spec.voice.engine === 'none' ? 1 : 8,
    visuals: 84,
    render: 4,
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
