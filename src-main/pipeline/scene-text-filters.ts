import { escapeFilterValue } from './captions.js';
import type { Fonts } from './font.js';
import type { FrameSize } from './scene-layout.js';
import { planSceneText, type SceneText, type SceneTextPlan, type TextBlock } from './scene-text.js';

/**
 * The drawtext chain for a scene, as filter-graph text: the heading and sub-headings laid out by
 * planSceneText (each line centred, never past the safe margins) and, when `burnCaptions`, the
 * timed caption pages.
 */
export function textFilters(
  scene: SceneText,
  durationSec: number,
  output: FrameSize,
  fonts: Fonts,
  burnCaptions = true,
): string[] {
  return drawTextFilters(planSceneText(scene, durationSec, output, fonts), fonts, burnCaptions);
}

/**
 * A laid-out scene's text as drawtext filters, each timed item shown only while it is due. With
 * `atSec`, only what is on screen at that moment is drawn, untimed: the still of a scene's last
 * frame that the next scene's transition starts from.
 */
export function drawTextFilters(plan: SceneTextPlan, fonts: Fonts, burnCaptions: boolean, atSec?: number): string[] {
  const { geometry: g } = plan;
  const common = (font: string, size: number) =>
    `fontfile=${escapeFilterValue(font)}:expansion=none:fontsize=${size}:x=(w-text_w)/2`;
  const shadow = `shadowcolor=black@0.6:shadowx=${g.shadowPx}:shadowy=${g.shadowPx}`;
  const due = (start: number, end: number) => atSec === undefined || (atSec >= start && atSec < end);
  const enable = (start: number, end: number) =>
    atSec === undefined ? `:enable=${escapeFilterValue(`gte(t,${start})*lt(t,${end})`)}` : '';
  const filters: string[] = [];
  const lines = (b: TextBlock, colour: string, when = '') =>
    b.lines.forEach((line, i) =>
      filters.push(
        `drawtext=${common(fonts.bold, b.sizePx)}:fontcolor=${colour}:${shadow}:y=${b.ys[i]}${when}:text=${escapeFilterValue(line)}`,
      ),
    );
  if (plan.heading) lines(plan.heading, 'white');
  for (const sub of plan.subheadings) {
    if (due(sub.start, sub.end)) lines(sub, SUBHEADING_COLOUR, enable(sub.start, sub.end));
  }
  if (!burnCaptions) return filters;
  for (const cue of plan.cues) {
    if (!due(cue.start, cue.end)) continue;
    cue.lines.forEach((line, i) => {
      const y = g.captionBottom - g.captionPad - (cue.lines.length - i) * plan.captionLineHeight;
      filters.push(
        `drawtext=${common(fonts.regular, g.captionPx)}:fontcolor=white:box=1:boxcolor=black@0.45:boxborderw=${g.captionPad}:y=${y}${enable(cue.start, cue.end)}:text=${escapeFilterValue(line)}`,
      );
    });
  }
  return filters;
}

/** Sub-headings in a warm accent, so they read as labels under the white heading. */
const SUBHEADING_COLOUR = '0xffd166';
