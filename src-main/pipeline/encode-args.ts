import type { RenderSpec } from '../../src-shared/spec.js';
import { videoCodecArgs } from './encoder-choice.js';
import { backgroundInput, sceneVideoGraph, type SceneLook } from './scene-graph.js';

export { ffmpegColour } from './scene-graph.js';
export { textFilters } from './scene-text-filters.js';

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
  /** How the clip looks, its frame-exact length (`look.clipSec`) included. */
  look: SceneLook;
  audioPath: string;
  outPath: string;
  thumbPath: string;
  output: Output;
  /** x264 threads; 0 lets x264 decide. */
  threads: number;
  /** The H.264 encoder (encoder-choice.ts). @default 'libx264' */
  videoCodec?: string;
}

/**
 * Rounds a duration up to whole frames (at least one) so video and audio cut at the same point
 * and no narration is cut short.
 */
export function frameExact(durationSec: number, fps: number): number {
  return Math.max(1, Math.ceil(durationSec * fps - 1e-3)) / fps;
}

/** The x264/AAC encoder arguments every clip shares (concat -c copy needs them identical). */
export function encoderArgs(output: Output, threads: number, videoCodec = 'libx264'): string[] {
  const q = QUALITY[output.quality];
  return [
    ...videoCodecArgs(videoCodec, output.quality, threads),
    '-pix_fmt',
    'yuv420p',
    ...['-r', String(output.fps), '-g', String(output.fps * 2)],
    ...['-c:a', 'aac', '-b:a', `${q.audioKbps}k`, '-ar', String(AUDIO_RATE), '-ac', '2'],
  ];
}

/**
 * The ffmpeg arguments that make one scene clip and its thumbnail in one run: the scene's look
 * (background and motion, text, transition from the previous scene; see sceneVideoGraph), the
 * scene's audio padded or cut to the clip's length, `-progress pipe:1` for live progress.
 */
export function sceneClipArgs(plan: ClipPlan): string[] {
  const { look, output } = plan;
  const d = look.clipSec;
  const graph = `${sceneVideoGraph(look, THUMB_WIDTH)};[1:a]aresample=${AUDIO_RATE},apad,atrim=end_sample=${clipAudioSamples(d)}[a]`;
  return [
    ...['-hide_banner', '-nostdin', '-y', '-loglevel', 'error'],
    ...backgroundInput(look, look.frame),
    ...['-i', plan.audioPath],
    ...(look.transition ? backgroundInput(look.transition.previous, look.frame, true) : []),
    ...['-filter_complex', graph],
    ...['-map', '[v]', '-map', '[a]', '-t', String(d)],
    ...encoderArgs(output, plan.threads, plan.videoCodec),
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
