import type { RenderSpec } from '../../src-shared/spec.js';
import { AUDIO_RATE, encoderArgs, ffmpegColour, textFilters } from '../../src-main/pipeline/encode-args.js';
import type { Fonts } from '../../src-main/pipeline/font.js';
import type { TimedScene } from '../../src-main/pipeline/job-files.js';

/**
 * The hand-written equivalent of a pipeline render: one ffmpeg that draws every scene (same
 * backgrounds, text and audio), concatenates them in a filter graph and encodes once with the
 * same encoder settings. What a person would type instead of using Aura.
 */
export function rawFfmpegArgs(
  scenes: readonly TimedScene[],
  wavOf: (index: number) => string,
  output: RenderSpec['output'],
  fonts: Fonts,
  outPath: string,
): string[] {
  const { width: w, height: h, fps } = output;
  const inputs: string[] = [];
  const chains: string[] = [];
  let pads = '';
  scenes.forEach((scene, i) => {
    const d = scene.clipSec;
    inputs.push('-f', 'lavfi', '-i', `color=c=${ffmpegColour(scene.background)}:s=${w}x${h}:r=${fps}:d=${d}`);
    inputs.push('-i', wavOf(scene.index));
    const video = ['setsar=1', ...textFilters(scene, d, output, fonts)].join(',');
    chains.push(`[${2 * i}:v]${video}[v${i}]`);
    chains.push(`[${2 * i + 1}:a]aresample=${AUDIO_RATE},apad,atrim=0:${d},asetpts=N/SR/TB[a${i}]`);
    pads += `[v${i}][a${i}]`;
  });
  chains.push(`${pads}concat=n=${scenes.length}:v=1:a=1[v][a]`);
  return [
    ...['-hide_banner', '-nostdin', '-y', '-loglevel', 'error'],
    ...inputs,
    ...['-filter_complex', chains.join(';'), '-map', '[v]', '-map', '[a]'],
    ...encoderArgs(output, 0),
    ...['-movflags', '+faststart', '-f', 'mp4', outPath],
  ];
}
