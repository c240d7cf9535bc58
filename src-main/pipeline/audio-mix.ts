import type { RenderSpec } from '../../src-shared/spec.js';
import { AUDIO_RATE } from './encode-args.js';

/** Integrated loudness the final mix is normalised to (what YouTube and most platforms play at). */
export const TARGET_LUFS = -14;
/** Peak ceiling of the limiter (measured 4x oversampled, so close to true peak): 1 dB under the -1 dBTP promise, headroom for the AAC encode. */
export const LIMIT_DBTP = -2;
/** The limiter works at 4x the sample rate so that peaks between samples are caught too. */
const OVERSAMPLED = AUDIO_RATE * 4;
/** Below this the narration is silence (voice `none`): there is nothing to normalise. */
export const SILENCE_LUFS = -70;
/** Music fades in over this long at the start and out over the last FADE_OUT_SEC. */
export const FADE_IN_SEC = 1;
export const FADE_OUT_SEC = 2;

type Music = NonNullable<RenderSpec['music']>;

/** What loudnorm's first pass measured (its JSON, as numbers). */
export interface LoudnessMeasure {
  inputI: number;
  inputTp: number;
  inputLra: number;
  inputThresh: number;
  targetOffset: number;
}

/**
 * The filter graph that mixes the narration (input 0, the joined clips) with the music bed
 * (input 1, looped by `-stream_loop -1`): the music set to `volumeDb`, trimmed to the video,
 * faded in and out, and — with `duck` — pressed down by a sidechain compressor keyed on the
 * voice. Ends in `[mix]`. Without music the narration passes through.
 */
export function mixGraph(totalSec: number, music: Music | undefined): string {
  const voice = `[0:a]aresample=${AUDIO_RATE},aformat=channel_layouts=stereo`;
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

// Pass 1 only measures: loudnorm's own correction is not used (its dynamic mode misbehaves on
// short videos, and its linear mode gives up whenever the gain would push a peak over).
const loudnorm = `loudnorm=I=${TARGET_LUFS}:TP=-1:LRA=11`;

/** The gain that brings the measured loudness to the target. */
export function normalisingGainDb(measure: LoudnessMeasure): number {
  return Math.round((TARGET_LUFS - measure.inputI) * 100) / 100;
}

/** One gain for the whole video (speech dynamics and ducking stay as they are), then a true-peak limiter. */
export function normaliseChain(measure: LoudnessMeasure): string {
  const ceiling = (10 ** (LIMIT_DBTP / 20)).toFixed(4);
  return [
    `volume=${normalisingGainDb(measure)}dB`,
    `aresample=${OVERSAMPLED}`,
    `alimiter=limit=${ceiling}:level=false:attack=2:release=80`,
    `aresample=${AUDIO_RATE}`,
  ].join(',');
}

/** The inputs both passes read: the joined clips' sound, and the music looped forever. */
function inputArgs(concatList: string, music: Music | undefined): string[] {
  return [
    ...['-f', 'concat', '-safe', '0', '-i', concatList],
    ...(music ? ['-stream_loop', '-1', '-i', music.path] : []),
  ];
}

/** Pass 1: mix, and let loudnorm measure the result (its JSON goes to stderr). */
export function measureArgs(concatList: string, totalSec: number, music: Music | undefined): string[] {
  return [
    ...['-hide_banner', '-nostdin', '-y', '-loglevel', 'info'],
    ...inputArgs(concatList, music),
    ...['-filter_complex', `${mixGraph(totalSec, music)};[mix]${loudnorm}:print_format=json[out]`],
    ...['-map', '[out]', '-t', String(totalSec), '-f', 'null', '-'],
    ...['-progress', 'pipe:1', '-nostats'],
  ];
}

/**
 * Pass 2: the same mix, normalised with pass 1's figures ({@link normaliseChain}), encoded to
 * AAC. `measure` undefined (silence) writes the mix as it is.
 */
export function applyArgs(
  concatList: string,
  totalSec: number,
  music: Music | undefined,
  measure: LoudnessMeasure | undefined,
  audioKbps: number,
  outPath: string,
): string[] {
  const normalise = `;[mix]${measure ? normaliseChain(measure) : 'anull'}[out]`;
  return [
    ...['-hide_banner', '-nostdin', '-y', '-loglevel', 'error'],
    ...inputArgs(concatList, music),
    ...['-filter_complex', mixGraph(totalSec, music) + normalise],
    ...['-map', '[out]', '-t', String(totalSec)],
    ...['-c:a', 'aac', '-b:a', `${audioKbps}k`, '-ar', String(AUDIO_RATE), '-ac', '2', '-f', 'mp4', outPath],
    ...['-progress', 'pipe:1', '-nostats'],
  ];
}

/** Reads loudnorm's JSON block from pass 1's stderr; undefined when it is not there. */
export function parseLoudnorm(stderr: string): LoudnessMeasure | undefined {
  const start = stderr.lastIndexOf('{');
  const end = stderr.lastIndexOf('}');
  if (start < 0 || end < start) return undefined;
  let json: Record<string, string>;
  try {
    json = JSON.parse(stderr.slice(start, end + 1)) as Record<string, string>;
  } catch {
    return undefined;
  }
  const num = (key: string) => Number(json[key]);
  const measure = {
    inputI: num('input_i'),
    inputTp: num('input_tp'),
    inputLra: num('input_lra'),
    inputThresh: num('input_thresh'),
    targetOffset: num('target_offset'),
  };
  // "-inf" (silence) parses as NaN: the caller treats that as nothing to normalise.
  return measure;
}

/** Whether a measure says there is sound worth normalising (not silence, every figure a number). */
export function isAudible(measure: LoudnessMeasure | undefined): measure is LoudnessMeasure {
  return measure !== undefined && Object.values(measure).every(Number.isFinite) && measure.inputI > SILENCE_LUFS;
}
