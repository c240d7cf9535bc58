import type { RenderSpec } from '../../../src-shared/spec.js';

/** How many scenes a spec makes: its `scenes`, or the `# Heading` lines of its script (at least one). */
export function sceneCount(spec: RenderSpec): number {
  if (spec.scenes) return spec.scenes.length;
  const headings = (spec.script ?? '').split(/\r?\n/).filter((line) => /^#\s/.test(line)).length;
  return Math.max(1, headings);
}

/** The thumbnail file of scene `index` (from 0) in the job's proxy folder. */
export function sceneThumbName(index: number): string {
  return `scene-${index + 1}.jpg`;
}
