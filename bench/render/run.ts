/**
 * bench:render — the 12-scene 1280×720 30 fps narrated video with crossfades, burned captions and
 * a ducked music bed: pipeline wall time vs one hand-written ffmpeg command doing the same work
 * (same transitions, captions, music mix and a loudness pass; same encoder settings; alternating,
 * same binary, same OS priority), and the cost of resuming a render paused at ~80 %.
 * `--rounds N` (default 3), `--parallel N` (maxParallelScenes, default 0 = derived), `--json`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SETTINGS } from '../../src-shared/settings.js';
import type { RenderSpec } from '../../src-shared/spec.js';
import { locateFfmpeg } from '../../src-main/pipeline/ffmpeg-locate.js';
import { findFonts } from '../../src-main/pipeline/font.js';
import { buildScenes } from '../../src-main/pipeline/script-parser.js';
import { frameExact } from '../../src-main/pipeline/encode-args.js';
import type { TimedScene } from '../../src-main/pipeline/job-files.js';
import { runProcess } from '../../src-main/pipeline/process-runner.js';
import { chooseTts, synthesize } from '../../src-main/pipeline/tts.js';
import { wavFileDuration } from '../../src-main/pipeline/wav-file.js';
import { MIN_SCENE_SEC } from '../../src-main/pipeline/steps/narration.js';
import { rawFfmpegArgs } from './raw-command.js';
import { benchSpec, flag, median, nextEvent, pipelineEngine } from './shared.js';

const rounds = flag('rounds', 3);
const parallel = flag('parallel', 0);
const json = process.argv.includes('--json');
const work = mkdtempSync(join(tmpdir(), 'aura-bench-render-'));
// The publishable render: crossfades (the spec's default), burned captions and a ducked music bed.
const musicPath = join(work, 'bed.m4a');
const spec: RenderSpec = { ...benchSpec(), music: { path: musicPath, volumeDb: -18, duck: true } };
const log = (line: string) => console.log(line);

/** One full pipeline render on a fresh data dir: seconds from create to completed. */
async function pipelineOnce(): Promise<number> {
  const dataDir = mkdtempSync(join(work, 'data-'));
  const engine = await pipelineEngine(dataDir, { maxParallelScenes: parallel });
  try {
    const started = performance.now();
    const { jobId } = await engine.create(spec);
    const end = await nextEvent(
      engine,
      (e) => e.jobId === jobId && (e.type === 'job-completed' || e.type === 'job-failed'),
    );
    if (end.type !== 'job-completed') throw new Error(`pipeline render failed: ${JSON.stringify(end.data)}`);
    return (performance.now() - started) / 1000;
  } finally {
    await engine.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Pause once the job passes ~80 %, resume, and time from resume to completed. */
async function resumeOnce(): Promise<number> {
  const dataDir = mkdtempSync(join(work, 'data-'));
  const engine = await pipelineEngine(dataDir, { maxParallelScenes: parallel });
  try {
    const { jobId } = await engine.create(spec);
    await nextEvent(engine, (e) => e.jobId === jobId && e.type === 'step-progress' && e.data.jobProgressPct >= 80);
    await engine.pause(jobId);
    if (engine.get(jobId)?.status !== 'paused')
      await nextEvent(engine, (e) => e.jobId === jobId && e.type === 'job-status' && e.data.status === 'paused');
    const done = nextEvent(engine, (e) => e.jobId === jobId && e.type === 'job-completed');
    const started = performance.now();
    await engine.resume(jobId);
    await done;
    return (performance.now() - started) / 1000;
  } finally {
    await engine.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The narration the raw command needs as input (speech is not ffmpeg's job); made once, not timed. */
async function prepareRaw(): Promise<{ scenes: TimedScene[]; wav: (n: number) => string }> {
  const tts = await chooseTts(spec.voice);
  const wav = (n: number) => join(work, `scene-${n}.wav`);
  const scenes: TimedScene[] = [];
  for (const scene of buildScenes(spec)) {
    await synthesize(tts, spec.voice, scene.narration, join(work, `scene-${scene.index}.txt`), wav(scene.index), {});
    const audioSec = await wavFileDuration(wav(scene.index));
    scenes.push({
      ...scene,
      audioSec,
      clipSec: frameExact(scene.durationSec ?? Math.max(MIN_SCENE_SEC, audioSec), spec.output.fps),
    });
  }
  return { scenes, wav };
}

/** An 8 s chord (looped by both sides), made once and not timed. */
async function makeMusicBed(ffmpeg: string, path: string): Promise<void> {
  const tone = (f: number) => ['-f', 'lavfi', '-i', `sine=f=${f}:r=48000:d=8`];
  await runProcess(ffmpeg, [
    ...['-hide_banner', '-nostdin', '-y', '-loglevel', 'error', ...tone(220), ...tone(277), ...tone(330)],
    ...['-filter_complex', 'amix=inputs=3', '-c:a', 'aac', '-b:a', '128k', path],
  ]);
}

async function rawOnce(ffmpeg: string, args: string[]): Promise<number> {
  const started = performance.now();
  // Same OS priority as the pipeline's children: the comparison is the work, not the scheduler.
  await runProcess(ffmpeg, args);
  return (performance.now() - started) / 1000;
}

try {
  const ffmpeg = await locateFfmpeg(DEFAULT_SETTINGS);
  await makeMusicBed(ffmpeg.path, musicPath);
  const raw = await prepareRaw();
  const rawArgs = rawFfmpegArgs(raw.scenes, raw.wav, spec, findFonts()!, join(work, 'raw.mp4'));
  const videoSec = raw.scenes.reduce((s, x) => s + x.clipSec, 0);
  log(
    `bench:render — ${raw.scenes.length} scenes, ${videoSec.toFixed(1)} s of ${spec.output.width}x${spec.output.height}@${spec.output.fps} (${spec.output.quality}), ffmpeg ${ffmpeg.source} ${ffmpeg.path}, ${availableParallelism()} cores, maxParallelScenes ${parallel}`,
  );
  const pipelineTimes: number[] = [];
  const rawTimes: number[] = [];
  const resumeRatios: number[] = [];
  for (let r = 1; r <= rounds; r++) {
    // Alternate which goes first so load changes on the machine hit both alike; the resume trial
    // sits beside the full render it is compared with, for the same reason.
    const order = r % 2 ? (['pipeline', 'raw'] as const) : (['raw', 'pipeline'] as const);
    for (const which of order) {
      if (which === 'pipeline') pipelineTimes.push(await pipelineOnce());
      else rawTimes.push(await rawOnce(ffmpeg.path, rawArgs));
    }
    const resumeSec = await resumeOnce();
    resumeRatios.push(resumeSec / pipelineTimes.at(-1)!);
    log(
      `  round ${r}: pipeline ${pipelineTimes.at(-1)!.toFixed(2)} s, raw ffmpeg ${rawTimes.at(-1)!.toFixed(2)} s, ` +
        `resume from ~80 % ${resumeSec.toFixed(2)} s (${resumeRatios.at(-1)!.toFixed(2)} of the full render)`,
    );
  }
  const pipelineSec = median(pipelineTimes);
  const rawFfmpegSec = median(rawTimes);
  const result = {
    pipelineSec: round(pipelineSec),
    rawFfmpegSec: round(rawFfmpegSec),
    ratio: round(pipelineSec / rawFfmpegSec),
    resumeCostRatio: round(median(resumeRatios)),
  };
  log(
    `pipeline ${result.pipelineSec} s vs raw ffmpeg ${result.rawFfmpegSec} s: ratio ${result.ratio} (target ≤ 1.0, must ≤ 1.15)`,
  );
  log(`resume from ~80 %: ${result.resumeCostRatio} of a full render (target ≤ 0.3)`);
  if (json) console.log(JSON.stringify(result));
} finally {
  rmSync(work, { recursive: true, force: true });
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
