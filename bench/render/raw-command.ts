import type { RenderSpec } from '../../src-shared/spec.js';
import { mixGraph } from '../../src-main/pipeline/audio-mix.js';
import { AUDIO_RATE, encoderArgs, ffmpegColour, textFilters } from '../../src-main/pipeline/encode-args.js';
import type { Fonts } from '../../src-main/pipeline/font.js';
import type { TimedScene } from '../../src-main/pipeline/job-files.js';
import { transitionGraph, transitionIn } from '../../src-main/pipeline/scene-look.js';

/** Gives the fixed labels of a graph fragment (`[prev]`, `[cur]`...) a per-scene suffix. */
const suffixed = (graph: string, k: number, rename: Record<string, string> = {}) =>
  graph.replace(/\[([a-z]+)\]/g, (_, label: string) => `[${rename[label] ?? `${label}${k}`}]`);

/**
 * The hand-written equivalent of a pipeline render, doing the same work in one ffmpeg: every
 * scene drawn (same backgrounds, text, captions), the same transitions (the previous scene's last
 * frame laid over the next one's start), the narration joined, the music bed mixed and ducked the
 * same way, loudness normalised (one loudnorm pass, as a person would type it), encoded once with
 * the same encoder settings.
 */
export function rawFfmpegArgs(
  scenes: readonly TimedScene[],
  wavOf: (index: number) => string,
  spec: RenderSpec,
  fonts: Fonts,
  outPath: string,
): string[] {
  const { output } = spec;
  const { width: w, height: h, fps } = output;
  const inputs: string[] = [];
  const chains: string[] = [];
  let pads = '';
  const totalSec = scenes.reduce((sum, s) => sum + s.clipSec, 0);
  scenes.forEach((scene, k) => {
    const d = scene.clipSec;
    inputs.push('-f', 'lavfi', '-i', `color=c=${ffmpegColour(scene.background)}:s=${w}x${h}:r=${fps}:d=${d}`);
    inputs.push('-i', wavOf(scene.index));
    const drawn = [
      'setsar=1',
      ...textFilters(scene, d, output, fonts, spec.captions !== 'none' && spec.captions !== 'sidecar'),
    ].join(',');
    const t = transitionIn(spec.transition, k === 0, d, fps);
    const frames = Math.round(d * fps);
    // The last frame is kept apart when the next scene begins with it.
    const next = k + 1 < scenes.length && transitionIn(spec.transition, false, scenes[k + 1]!.clipSec, fps);
    const drawnLabel = t ? `cur${k}` : `c${k}`;
    chains.push(
      next
        ? `[${2 * k}:v]${drawn},split=2[${drawnLabel}][lastsrc${k}];[lastsrc${k}]trim=start_frame=${frames - 1},setpts=PTS-STARTPTS[last${k}]`
        : `[${2 * k}:v]${drawn}[${drawnLabel}]`,
    );
    if (t) chains.push(suffixed(transitionGraph(t, fps), k, { prev: `last${k - 1}`, out: `c${k}` }));
    chains.push(`[${2 * k + 1}:a]aresample=${AUDIO_RATE},apad,atrim=0:${d},asetpts=N/SR/TB[a${k}]`);
    pads += `[c${k}][a${k}]`;
  });
  chains.push(`${pads}concat=n=${scenes.length}:v=1:a=1[v][narration]`);
  const musicInput = scenes.length * 2;
  const mix = mixGraph(totalSec, spec.music).replace('[0:a]', '[narration]').replace('[1:a]', `[${musicInput}:a]`);
  chains.push(mix, '[mix]loudnorm=I=-14:TP=-1:LRA=11,aresample=48000[a]');
  return [
    ...['-hide_banner', '-nostdin', '-y', '-loglevel', 'error'],
    ...inputs,
    ...(spec.music ? ['-stream_loop', '-1', '-i', spec.music.path] : []),
    ...['-filter_complex', chains.join(';'), '-map', '[v]', '-map', '[a]', '-t', String(totalSec)],
    ...encoderArgs(output, 0),
    ...['-metadata', `title=${spec.title}`, '-movflags', '+faststart', '-f', 'mp4', outPath],
  ];
}
