import { pageCaptions } from './caption-paging.js';
import { sanitizeCaption, timeAtOffset, timeCaptions, type CaptionCue } from './captions.js';
import type { Fonts } from './font.js';
import { sceneGeometry, type FrameSize, type SceneGeometry } from './scene-layout.js';
import type { Scene } from './script-parser.js';
import { fitText } from './text-layout.js';
import { fontMeasure } from './text-measure.js';

/** A block of centred lines at one size, from `y` down. */
export interface TextBlock {
  sizePx: number;
  lines: string[];
  /** Top of each line. */
  ys: number[];
}

/** Everything drawn on a scene: heading, timed sub-headings and caption cues, all inside the safe area. */
export interface SceneTextPlan {
  geometry: SceneGeometry;
  heading?: TextBlock & { fits: boolean };
  subheadings: (TextBlock & { start: number; end: number; fits: boolean })[];
  cues: CaptionCue[];
  captionLineHeight: number;
}

/** What the plan needs of a scene: its text and, once narrated, how long the voice speaks. */
export type SceneText = Pick<Scene, 'heading' | 'narration' | 'subheadings'> & { audioSec?: number };

const lineHeight = (sizePx: number) => Math.round(sizePx * 1.2);
const block = (sizePx: number, lines: string[], top: number): TextBlock => ({
  sizePx,
  lines,
  ys: lines.map((_, i) => top + i * lineHeight(sizePx)),
});

/**
 * Lays out a scene's text for a frame, measuring with the shipped fonts: the heading shrunk until
 * it fits two lines of the safe width (`fits: false` when even the minimum size needs cutting),
 * sub-headings below it from their words' time on, captions paged and timed to the narration.
 */
export function planSceneText(scene: SceneText, clipSec: number, frame: FrameSize, fonts: Fonts): SceneTextPlan {
  const g = sceneGeometry(frame);
  const safeWidth = frame.width - 2 * g.marginX;
  const bold = fontMeasure(fonts.bold);
  let below = g.top;
  let heading: SceneTextPlan['heading'];
  if (scene.heading.trim()) {
    const fitted = fitText(sanitizeCaption(scene.heading), bold, {
      maxWidth: safeWidth - g.shadowPx,
      maxSizePx: g.headingMaxPx,
      minSizePx: g.headingMinPx,
    });
    heading = { ...block(fitted.sizePx, fitted.lines, g.top), fits: fitted.fits };
    below = g.top + fitted.lines.length * lineHeight(fitted.sizePx) + Math.round(g.captionPx * 0.4);
  }
  const { pages, cues } = captionTimeline(scene, clipSec, frame, fonts);
  const subs = scene.subheadings ?? [];
  const subheadings = subs.map((sub, i) => {
    const fitted = fitText(sanitizeCaption(sub.text), bold, {
      maxWidth: safeWidth - g.shadowPx,
      maxSizePx: g.subheadingMaxPx,
      minSizePx: g.subheadingMinPx,
    });
    const next = subs[i + 1];
    return {
      ...block(fitted.sizePx, fitted.lines, below),
      fits: fitted.fits,
      start: timeAtOffset(pages, cues, sub.offset),
      end: next ? timeAtOffset(pages, cues, next.offset) : clipSec,
    };
  });
  return { geometry: g, heading, subheadings, cues, captionLineHeight: lineHeight(g.captionPx) };
}

/**
 * The scene's caption cues, seconds from the scene's start: the very cues burned into the clip,
 * for the .srt/.vtt sidecar files. `audioSec` is how long the voice speaks (the clip may run on).
 */
export function sceneCaptionCues(scene: SceneText, clipSec: number, frame: FrameSize, fonts: Fonts): CaptionCue[] {
  return captionTimeline(scene, clipSec, frame, fonts).cues;
}

function captionTimeline(scene: SceneText, clipSec: number, frame: FrameSize, fonts: Fonts) {
  const g = sceneGeometry(frame);
  const regular = fontMeasure(fonts.regular);
  const pages = pageCaptions(sanitizeCaptionKeepingParagraphs(scene.narration), {
    maxWidth: frame.width - 2 * g.marginX - 2 * g.captionPad,
    maxLines: 2,
    width: (t) => regular(t, g.captionPx),
    hardBreaks: (scene.subheadings ?? []).map((s) => s.offset),
  });
  return { pages, cues: timeCaptions(pages, scene.audioSec ?? clipSec, clipSec) };
}

/** Control characters out, but blank lines (paragraph breaks, which end a page) kept, at the same offsets. */
function sanitizeCaptionKeepingParagraphs(text: string): string {
  return text
    .split('\n')
    .map((line) => sanitizeCaption(line))
    .join('\n');
}
