import type { Step, StepContext } from '../../engine/step.js';
import { StepError } from '../../engine/errors.js';
import { jobFiles, writeJson } from '../job-files.js';
import { buildScenes } from '../script-parser.js';

/** Turns the spec's script or scenes into scenes.json. */
export function scriptStep(weight: number): Step {
  return { name: 'script', stage: 'Script', weight, folders: [], run: script };
}

async function script(ctx: StepContext) {
  const scenes = buildScenes(ctx.spec);
  if (scenes.length === 0) {
    throw new StepError('SCRIPT_EMPTY', 'The script has no scenes: it holds neither headings nor text.', {
      suggestedActions: ['Start each scene with a "# Heading" line followed by its narration.'],
      retryable: false,
    });
  }
  const path = jobFiles(ctx.tempDir).scenes;
  await writeJson(path, scenes);
  ctx.progress(100, `${scenes.length} scene${scenes.length === 1 ? '' : 's'}`);
  return { outputs: [path] };
}
