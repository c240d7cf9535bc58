import type { RenderSpec } from '../../../src-shared/spec.js';

/** The pipeline's heading rule: `# Title` (up to 3 spaces before, not `##`). */
const HEADING = /^\s{0,3}#(?!#)/;

/**
 * How many scenes a spec makes, by the pipeline's rules: its `scenes`, or one per `# Heading`
 * line of its script plus one for any text before the first heading (at least one).
 */
export function sceneCount(spec: RenderSpec): number {
  if (spec.scenes) return spec.scenes.length;
  const lines = (spec.script ?? '').split(/\r?\n/);
  const first = lines.findIndex((line) => HEADING.test(line));
  const headings = lines.filter((line) => HEADING.test(line)).length;
  const preamble = (first === -1 ? lines : lines.slice(0, first)).some((line) => line.trim() !== '') ? 1 : 0;
  return Math.max(1, headings + preamble);
}

/** The thumbnail file of scene `index` (from 0): the pipeline numbers scenes from 1. */
export function sceneThumbName(index: number): string {
  return `scene-${index + 1}.jpg`;
}
