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
  return drawTextFilters(planSceneText(scene, durationSec, output, fonts), fonts, { captions: burnCaptions });
}

/** Which of a scene's text to draw, and when. */
export interface TextDrawing {
  /** Heading and sub-headings (default true). */
  titles?: boolean;
  /** Caption pages. */
  captions: boolean;
  /** Draw only what is on screen at this moment, untimed (the still a transition starts from). */
  atSec?: number;
  /** Titles stay hidden until then and fade in over TITLE_FADE_SEC (after a crossfade, so two headings never overlap). */
  titlesFromSec?: number;
}

/** How long titles take to fade in after a crossfade. */
export const TITLE_FADE_SEC = 0.3;

/**
 * A laid-out scene's text as drawtext filters, each timed item shown only while it is due. With
 * `atSec`, only what is on screen at that moment is drawn, untimed: the still of a scene's last
 * frame that the next scene's transition starts from.
 */
export function drawTextFilters(plan: SceneTextPlan, fonts: Fonts, drawing: TextDrawing): string[] {
  const { atSec, titlesFromSec } = drawing;
  const { geometry: g } = plan;
  const common = (font: string, size: number) =>
    `fontfile=${escapeFilterValue(font)}:expansion=none:fontsize=${size}:x=(w-text_w)/2`;
  const shadow = `shadowcolor=black@0.6:shadowx=${g.shadowPx}:shadowy=${g.shadowPx}`;
  const due = (start: number, end: number) => atSec === undefined || (atSec >= start && atSec < end);
  const enable = (start: number, end: number) =>
    atSec === undefined ? `:enable=${escapeFilterValue(`gte(t,${start})*lt(t,${end})`)}` : '';
  const alpha =
    titlesFromSec === undefined
      ? ''
      : `:alpha=${escapeFilterValue(`clip((t-${titlesFromSec})/${TITLE_FADE_SEC},0,1)`)}`;
  const filters: string[] = [];
  const lines = (b: TextBlock, colour: string, when = '') =>
    b.lines.forEach((line, i) =>
      filters.push(
        `drawtext=${common(fonts.bold, b.sizePx)}:fontcolor=${colour}:${shadow}${alpha}:y=${b.ys[i]}${when}:text=${escapeFilterValue(line)}`,
      ),
    );
  if (drawing.titles !== false) {
    if (plan.heading) lines(plan.heading, 'white');
    for (const sub of plan.subheadings) {
      if (due(sub.start, sub.end)) lines(sub, SUBHEADING_COLOUR, enable(sub.start, sub.end));
    }
  }
  if (!drawing.captions) return filters;
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
