import type { RenderSpec } from '../../src-shared/spec.js';
import { captionCues, escapeFilterValue, sanitizeCaption } from './captions.js';
import type { Fonts } from './font.js';
import type { Scene } from './script-parser.js';

type Output = RenderSpec['output'];
type Quality = Output['quality'];

/** x264 settings per quality; one table so clips, benchmarks and estimates agree. */
export const QUALITY: Record<Quality, { preset: string; crf: number; audioKbps: number }> = {
  draft: { preset: 'ultrafast', crf: 30, audioKbps: 96 },
  standard: { preset: 'veryfast', crf: 23, audioKbps: 128 },
  high: { preset: 'medium', crf: 19, audioKbps: 192 },
};

/** Width of the JPEG scene thumbnails in proxy/. */
export const THUMB_WIDTH = 320;

/** Audio sample rate of every clip (and of the hand-written benchmark command). */
export const AUDIO_RATE = 48_000;
/** Samples per AAC frame. */
const AAC_FRAME = 1024;

/**
 * Audio samples in a clip of `durationSec`: whole AAC frames, never longer than the video. The
 * concat demuxer starts each clip where the previous one's longest stream ended, so audio that ran
 * past the picture would open a gap in the video at every join; cut short, the joins stay
 * frame-exact and the audio only loses under one AAC frame (< 22 ms) of trailing silence.
 */
export function clipAudioSamples(durationSec: number): number {
  return Math.floor((durationSec * AUDIO_RATE) / AAC_FRAME) * AAC_FRAME;
}

/** Everything one scene clip's encode needs. */
export interface ClipPlan {
  scene: Scene;
  /** Frame-exact length of the clip. */
  durationSec: number;
  audioPath: string;
  outPath: string;
  thumbPath: string;
  output: Output;
  fonts: Fonts;
  /** x264 threads; 0 lets x264 decide. */
  threads: number;
}

/**
 * Rounds a duration up to whole frames (at least one) so video and audio cut at the same point
 * and no narration is cut short.
 */
export function frameExact(durationSec: number, fps: number): number {
  return Math.max(1, Math.ceil(durationSec * fps - 1e-3)) / fps;
}

/** The x264/AAC encoder arguments every clip shares (concat -c copy needs them identical). */
export function encoderArgs(output: Output, threads: number): string[] {
  const q = QUALITY[output.quality];
  return [
    ...['-c:v', 'libx264', '-preset', q.preset, '-crf', String(q.crf), '-pix_fmt', 'yuv420p'],
    ...(threads > 0 ? ['-threads', String(threads)] : []),
    ...['-r', String(output.fps), '-g', String(output.fps * 2)],
    ...['-c:a', 'aac', '-b:a', `${q.audioKbps}k`, '-ar', String(AUDIO_RATE), '-ac', '2'],
  ];
}

/** The drawtext chain (heading and timed caption lines) for a scene, as filter-graph text. */
export function textFilters(scene: Scene, durationSec: number, output: Output, fonts: Fonts): string[] {
  const { width: w, height: h } = output;
  const headingSize = Math.max(8, Math.round(h * 0.085));
  const captionSize = Math.max(6, Math.round(h * 0.05));
  const margin = Math.round(h * 0.06);
  const lineHeight = Math.round(captionSize * 1.35);
  // The heading's drop shadow scales with it: a fixed 2 px doubles the letters of a tiny heading.
  const shadow = Math.max(1, Math.round(headingSize / 30));
  const common = (font: string, size: number) =>
    `fontfile=${escapeFilterValue(font)}:expansion=none:fontsize=${size}:fontcolor=white:x=(w-text_w)/2`;
  const filters: string[] = [];
  if (scene.heading) {
    filters.push(
      `drawtext=${common(fonts.bold, headingSize)}:shadowcolor=black@0.6:shadowx=${shadow}:shadowy=${shadow}:y=${margin}:text=${escapeFilterValue(sanitizeCaption(scene.heading))}`,
    );
  }
  // ~0.55 em per character on average in DejaVu Sans; keep captions inside 90 % of the width.
  const maxChars = Math.max(8, Math.floor((w * 0.9) / (captionSize * 0.55)));
  for (const cue of captionCues(sanitizeCaption(scene.narration), maxChars, 2, durationSec)) {
    cue.lines.forEach((line, i) => {
      const y = h - margin - (cue.lines.length - i) * lineHeight;
      const enable = escapeFilterValue(`gte(t,${cue.startSec})*lt(t,${cue.endSec})`);
      filters.push(
        `drawtext=${common(fonts.regular, captionSize)}:box=1:boxcolor=black@0.45:boxborderw=${Math.max(2, Math.round(captionSize * 0.2))}:y=${y}:enable=${enable}:text=${escapeFilterValue(line)}`,
      );
    });
  }
  return filters;
}

/** `#1d3557` into ffmpeg's `0x1d3557`. */
export function ffmpegColour(hex: string): string {
  return '0x' + hex.slice(1);
}

/**
 * The ffmpeg arguments that make one scene clip and its thumbnail in one run: background (colour
 * or the image scaled and padded), heading and captions, the scene's audio padded or cut to the
 * clip's length, `-progress pipe:1` for live progress.
 */
export function sceneClipArgs(plan: ClipPlan): string[] {
  const { scene, durationSec: d, output } = plan;
  const { width: w, height: h, fps } = output;
  const colour = ffmpegColour(scene.background);
  const background = scene.image
    ? [
        ...['-loop', '1', '-framerate', String(fps), '-t', String(d)],
        // A '%' would make the image2 demuxer read the path as a numbered-sequence pattern.
        ...(scene.image.includes('%') ? ['-f', 'image2', '-pattern_type', 'none'] : []),
        ...['-i', scene.image],
      ]
    : ['-f', 'lavfi', '-i', `color=c=${colour}:s=${w}x${h}:r=${fps}:d=${d}`];
  const fit = scene.image
    ? [
        `scale=${w}:${h}:force_original_aspect_ratio=decrease`,
        `pad=${w}:${h}:(ow-iw)/2:(oh-ih)/2:color=${colour}`,
        'format=yuv420p',
      ]
    : [];
  const video = [...fit, 'setsar=1', ...textFilters(scene, d, output, plan.fonts), 'split=2[v][t]'].join(',');
  const graph = `[0:v]${video};[t]scale=${THUMB_WIDTH}:-2[th];[1:a]aresample=${AUDIO_RATE},apad,atrim=end_sample=${clipAudioSamples(d)}[a]`;
  return [
    ...['-hide_banner', '-nostdin', '-y', '-loglevel', 'error'],
    ...background,
    ...['-i', plan.audioPath],
    ...['-filter_complex', graph],
    ...['-map', '[v]', '-map', '[a]', '-t', String(d)],
    ...encoderArgs(output, plan.threads),
    ...['-f', 'mp4', plan.outPath],
    ...['-map', '[th]', '-frames:v', '1', '-q:v', '4', '-update', '1', '-f', 'image2', plan.thumbPath],
    ...['-progress', 'pipe:1', '-nostats'],
  ];
}

/**
 * A concat-demuxer list naming each clip (relative to the list, quoted for the demuxer) with its
 * exact length: the demuxer then starts each clip at the sum of the lengths before it instead of
 * trusting container durations, which some ffmpeg builds round up past the last frame.
 */
export function concatList(clips: readonly { name: string; durationSec: number }[]): string {
  return clips.map((c) => `file '${c.name.replace(/'/g, "'\\''")}'\nduration ${c.durationSec}\n`).join('');
}

/** Joins the clips without re-encoding into an mp4 whose index sits at the front. */
export function concatArgs(listPath: string, outPath: string): string[] {
  return [
    ...['-hide_banner', '-nostdin', '-y', '-loglevel', 'error'],
    ...['-f', 'concat', '-safe', '0', '-i', listPath],
    ...['-map', '0', '-c', 'copy', '-movflags', '+faststart', '-f', 'mp4', outPath],
    ...['-progress', 'pipe:1', '-nostats'],
  ];
}
