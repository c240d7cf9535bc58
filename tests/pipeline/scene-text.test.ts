import { describe, expect, it } from 'vitest';
import { OUTPUT_PRESETS } from '../../src-shared/spec.js';
import { findFonts } from '../../src-main/pipeline/font.js';
import { sceneGeometry } from '../../src-main/pipeline/scene-layout.js';
import { planSceneText, sceneCaptionCues } from '../../src-main/pipeline/scene-text.js';
import { fontMeasure } from '../../src-main/pipeline/text-measure.js';

const fonts = findFonts()!;
const bold = fontMeasure(fonts.bold);
const regular = fontMeasure(fonts.regular);
const scene = {
  heading: 'Octopuses you never knew about',
  narration:
    'An octopus has three hearts, and blue blood. It lives in the deep sea, under crushing pressure, and it is smarter than you think.\n\nIt can taste with its arms.',
  subheadings: [{ text: 'Taste', offset: 131 }],
  audioSec: 9,
};
const frames = [
  ...Object.entries(OUTPUT_PRESETS).map(([name, p]) => [name, p.width, p.height] as const),
  ['tiny 9:16', 90, 160] as const,
  ['tiny 16:9', 160, 90] as const,
];

describe('planSceneText keeps every line inside the safe area', () => {
  it.each(frames)('%s (%sx%s)', (_name, width, height) => {
    const plan = planSceneText(scene, 10, { width, height }, fonts);
    const g = sceneGeometry({ width, height });
    const heading = plan.heading!;
    expect(heading.fits).toBe(true);
    expect(heading.lines.join(' ')).toBe(scene.heading);
    expect(heading.lines.length).toBeLessThanOrEqual(2);
    for (const line of heading.lines) {
      const left = (width - bold(line, heading.sizePx)) / 2;
      expect(left).toBeGreaterThanOrEqual(g.marginX - 0.5);
    }
    for (const cue of plan.cues) {
      expect(cue.lines.length).toBeLessThanOrEqual(2);
      for (const line of cue.lines)
        expect(regular(line, g.captionPx) + 2 * g.captionPad).toBeLessThanOrEqual(width - 2 * g.marginX);
      // The caption box stays in the frame, below the heading.
      const top = g.captionBottom - g.captionPad - cue.lines.length * plan.captionLineHeight;
      expect(top).toBeGreaterThan(heading.ys.at(-1)! + heading.sizePx);
    }
    expect(heading.sizePx).toBeGreaterThanOrEqual(g.headingMinPx);
  });

  it('a 9:16 frame gets the letters of its 16:9 twin, not letters sized for its height', () => {
    const wide = planSceneText({ ...scene, heading: 'Hi' }, 10, { width: 1920, height: 1080 }, fonts);
    const tall = planSceneText({ ...scene, heading: 'Hi' }, 10, { width: 1080, height: 1920 }, fonts);
    expect(tall.heading!.sizePx).toBe(wide.heading!.sizePx);
  });

  it('a heading that cannot fit at the smallest size is cut and flagged', () => {
    const plan = planSceneText(
      { ...scene, heading: 'An extremely long heading '.repeat(6) },
      10,
      { width: 90, height: 160 },
      fonts,
    );
    expect(plan.heading!.fits).toBe(false);
    expect(plan.heading!.lines).toHaveLength(2);
  });
});

describe('captions and sub-headings are timed to the narration', () => {
  it('cues run back to back from 0 through the voice and hold a moment after it', () => {
    const cues = sceneCaptionCues(scene, 10, { width: 1080, height: 1920 }, fonts);
    expect(cues[0]!.start).toBe(0);
    for (let i = 1; i < cues.length; i++) expect(cues[i]!.start).toBeCloseTo(cues[i - 1]!.end, 3);
    expect(cues.at(-1)!.end).toBe(9.5);
    expect(cues.map((c) => c.text).join(' ')).toBe(scene.narration.replace(/\n\n/g, ' '));
  });

  it('the sidecar cues are the burned ones', () => {
    const frame = { width: 1280, height: 720 };
    expect(sceneCaptionCues(scene, 10, frame, fonts)).toEqual(planSceneText(scene, 10, frame, fonts).cues);
  });

  it('a sub-heading shows from the page its words start on to the end of the scene, below the heading', () => {
    const plan = planSceneText(scene, 10, { width: 1280, height: 720 }, fonts);
    const page = plan.cues.find((c) => c.text.startsWith('It can taste'))!;
    expect(plan.subheadings).toEqual([expect.objectContaining({ lines: ['Taste'], start: page.start, end: 10 })]);
    expect(plan.subheadings[0]!.ys[0]).toBeGreaterThan(plan.heading!.ys.at(-1)!);
  });

  it('without narration there are no cues; without a heading no heading', () => {
    const plan = planSceneText({ heading: '', narration: '' }, 2, { width: 160, height: 90 }, fonts);
    expect(plan.cues).toEqual([]);
    expect(plan.heading).toBeUndefined();
  });
});
