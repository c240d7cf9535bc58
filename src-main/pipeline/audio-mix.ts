import type { RenderSpec } from '../../src-shared/spec.js';
import { AUDIO_RATE } from './encode-args.js';

/** Integrated loudness the final mix is normalised to (what YouTube and most platforms play at). */
export const TARGET_LUFS = -14;
/** Peak ceiling of the limiter (measured oversampled, so close to true peak): 1 dB under the -1 dBTP promise, headroom for the AAC encode. */
export const LIMIT_DBTP = -2;
/**
 * The limiter works at 2x the sample rate so that most peaks between samples are caught too
 * (measured on the 12-scene bench after AAC: -1.1 dBTP at 1x, -1.5 at 2x, -1.6 at 4x, which costs
 * twice the time of 2x).
 */
const OVERSAMPLED = AUDIO_RATE * 2;
/** Below this the narration is silence (voice `none`): there is nothing to normalise. */
export const SILENCE_LUFS = -70;
/** Music fades in over this long at the start and out over the last FADE_OUT_SEC. */
export const FADE_IN_SEC = 1;
export const FADE_OUT_SEC = 2;

type Music = NonNullable<RenderSpec['music']>;

/** What a measuring pass found: the integrated loudness (ebur128), -Infinity for silence. */
export interface LoudnessMeasure {
  integratedLufs: number;
}

/**
 * The filter graph that mixes the narration (input 0, the joined clips) with the music bed
 * (input 1, looped by `-stream_loop -1`): the music set to `volumeDb`, trimmed to the video,
 * faded in and out, and — with `duck` — pressed down by a sidechain compressor keyed on the
 * voice. Ends in `[mix]`. Without music the narration passes through.
 */
export function mixGraph(totalSec: number, music: Music | undefined): string {
  // The clips' sound ends up to one AAC frame before their picture: async fills each such gap with
  // silence (from 1 ms on), so the narration stays on its scene instead of drifting earlier per scene.
  const voice = `[0:a]aresample=${AUDIO_RATE}:async=1:min_hard_comp=0.001:first_pts=0,aformat=channel_layouts=stereo`;
  if (!music) return `${voice}[mix]`;
  const fadeOut = Math.min(FADE_OUT_SEC, totalSec / 2);
  const fadeIn = Math.min(FADE_IN_SEC, totalSec / 2);
  const bed = [
    `[1:a]aresample=${AUDIO_RATE},aformat=channel_layouts=stereo`,
    `volume=${music.volumeDb}dB`,
    `atrim=0:${totalSec}`,
    'asetpts=PTS-STARTPTS',
    `afade=t=in:d=${fadeIn}`,
    `afade=t=out:st=${(totalSec - fadeOut).toFixed(3)}:d=${fadeOut}`,
  ].join(',');
  // amix in the 2018 build divides every input by their count: volume=2 restores the sum.
  const mix = 'amix=inputs=2:duration=first:dropout_transition=0,volume=2[mix]';
  if (!music.duck) return `${voice}[voice];${bed}[bed];[voice][bed]${mix}`;
  // Keyed on the voice: ~12 dB down while someone speaks, back up within half a second.
  const duck = 'sidechaincompress=threshold=0.02:ratio=8:attack=15:release=450:makeup=1';
  return `${voice},asplit=2[voice][key];${bed}[bed];[bed][key]${duck}[ducked];[voice][ducked]${mix}`;
}

// ebur128 measures the integrated loudness ~15x faster than loudnorm's first pass (which
// resamples to 192 kHz for its true peak): the limiter below takes care of peaks anyway.
const MEASURE = 'ebur128=framelog=verbose';

/** The gain that brings the measured loudness to the target. */
export function normalisingGainDb(measure: LoudnessMeasure): number {
  return Math.round((TARGET_LUFS - measure.integratedLufs) * 100) / 100;
}

/** A gain, then the oversampled peak limiter. */
function gainAndLimit(gainDb: number): string {
  const ceiling = (10 ** (LIMIT_DBTP / 20)).toFixed(4);
  return [
    `volume=${gainDb}dB`,
    `aresample=${OVERSAMPLED}`,
    `alimiter=limit=${ceiling}:level=false:attack=2:release=80`,
    `aresample=${AUDIO_RATE}`,
  ].join(',');
}

/** One gain for the whole video (speech dynamics and ducking stay as they are), then a true-peak limiter. */
export function normaliseChain(measure: LoudnessMeasure): string {
  return gainAndLimit(normalisingGainDb(measure));
}

/** The inputs both passes read: the joined clips' sound, and the music looped forever. */
function inputArgs(concatList: string, music: Music | undefined): string[] {
  return [
    ...['-f', 'concat', '-safe', '0', '-i', concatList],
    ...(music ? ['-stream_loop', '-1', '-i', music.path] : []),
  ];
}

/** Pass 1: mix, and measure the mix's loudness (ebur128's summary goes to stderr). */
export function measureArgs(concatList: string, totalSec: number, music: Music | undefined): string[] {
  return [
    ...['-hide_banner', '-nostdin', '-y', '-loglevel', 'info'],
    ...inputArgs(concatList, music),
    ...['-filter_complex', `${mixGraph(totalSec, music)};[mix]${MEASURE}[out]`],
    ...['-map', '[out]', '-t', String(totalSec), '-f', 'null', '-'],
    ...['-progress', 'pipe:1', '-nostats'],
  ];
}

/**
 * Pass 2: the same mix, normalised with pass 1's figure ({@link normaliseChain}), into a WAV: the
 * check reads it cheaply and the AAC encode happens once, after. `measure` undefined (silence):
 * the mix as it is.
 */
export function applyArgs(
  concatList: string,
  totalSec: number,
  music: Music | undefined,
  measure: LoudnessMeasure | undefined,
  outWav: string,
): string[] {
  const normalise = `;[mix]${measure ? normaliseChain(measure) : 'anull'}[out]`;
  return [
    ...['-hide_banner', '-nostdin', '-y', '-loglevel', 'error'],
    ...inputArgs(concatList, music),
    ...['-filter_complex', mixGraph(totalSec, music) + normalise],
    ...['-map', '[out]', '-t', String(totalSec), '-c:a', 'pcm_s16le', '-f', 'wav', outWav],
    ...['-progress', 'pipe:1', '-nostats'],
  ];
}

/** Measures a file's loudness (the normalised WAV): is it where it should be after the limiter? */
export function measureFileArgs(path: string): string[] {
  return ['-hide_banner', '-nostdin', '-loglevel', 'info', '-i', path, '-af', MEASURE, '-f', 'null', '-'];
}

/**
 * The soundtrack's one AAC encode, at the render's audio bitrate. `correctionDb` (what the check
 * found the limiter took off) is added on the way, limited again so no peak passes the ceiling.
 */
export function encodeArgs(wav: string, audioKbps: number, outPath: string, correctionDb = 0): string[] {
  return [
    ...['-hide_banner', '-nostdin', '-y', '-loglevel', 'error', '-i', wav],
    ...(correctionDb !== 0 ? ['-af', gainAndLimit(Math.round(correctionDb * 100) / 100)] : []),
    ...['-c:a', 'aac', '-b:a', `${audioKbps}k`, '-ar', String(AUDIO_RATE), '-ac', '2', '-f', 'mp4', outPath],
    ...['-progress', 'pipe:1', '-nostats'],
  ];
}

/** Off by more than this after the limiter, the soundtrack is made again with the gain corrected. */
export const LOUDNESS_TOLERANCE_LU = 0.5;

/** Reads the integrated loudness from ebur128's summary on stderr; undefined when there is none. */
export function parseLoudness(stderr: string): LoudnessMeasure | undefined {
  const summary = stderr.slice(stderr.lastIndexOf('Summary:'));
  const match = /I:\s+(-?[\d.]+|-inf) LUFS/.exec(summary);
  if (!stderr.includes('Summary:') || !match) return undefined;
  return { integratedLufs: match[1] === '-inf' ? -Infinity : Number(match[1]) };
}

/** Whether a measure says there is sound worth normalising (not silence). */
export function isAudible(measure: LoudnessMeasure | undefined): measure is LoudnessMeasure {
  return measure !== undefined && Number.isFinite(measure.integratedLufs) && measure.integratedLufs > SILENCE_LUFS;
}
