import type { RenderSpec } from '../../src-shared/spec.js';
import { AUDIO_RATE, QUALITY } from './encode-args.js';
import type { Scene } from './script-parser.js';
import { estimateSpeechSec } from './tts.js';

/** Rough total length of the video before any audio exists: explicit durations or reading time. */
export function estimateTotalSec(scenes: readonly Scene[], rateWpm: number): number {
  return scenes.reduce((sum, s) => sum + (s.durationSec ?? estimateSpeechSec(s.narration, rateWpm)), 0);
}

/**
 * Bytes a render needs on disk at its peak: the clips plus the joined output (about twice the
 * video), the narration WAVs, the soundtrack's 48 kHz stereo WAV while it is mixed, with a
 * generous bits-per-pixel for slides and a fixed margin for thumbnails and the rest.
 */
export function estimateDiskBytes(spec: RenderSpec, totalSec: number): number {
  const { width, height, fps, quality } = spec.output;
  const bitsPerPixel = quality === 'high' ? 0.08 : quality === 'standard' ? 0.05 : 0.03;
  const videoBytesPerSec = (width * height * fps * bitsPerPixel) / 8;
  const audioBytesPerSec = QUALITY[quality].audioKbps * 125;
  const wavBytesPerSec = 22_050 * 2 + AUDIO_RATE * 4;
  return Math.ceil(totalSec * (2 * (videoBytesPerSec + audioBytesPerSec) + wavBytesPerSec) + 20 * 1024 * 1024);
}
