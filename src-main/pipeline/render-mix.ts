import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { StepContext } from '../engine/step.js';
import {
  applyArgs,
  encodeArgs,
  isAudible,
  LOUDNESS_TOLERANCE_LU,
  measureArgs,
  measureFileArgs,
  parseLoudness,
  TARGET_LUFS,
} from './audio-mix.js';
import { QUALITY } from './encode-args.js';
import { applyProgressLine, type FfmpegProgress } from './ffmpeg-progress.js';
import { hashFile, hashOf, jobFiles, type TimedScene } from './job-files.js';
import { runProcess } from './process-runner.js';
import { childOptions, type Tools } from './tools.js';
import { checkMedia, verifyMedia } from './verify-media.js';

/** Bumped when the mix recipe changes, so an old soundtrack is not reused. */
const MIX_RECIPE = 1;

/** What the mix needs: the joined clips' list, the video's length, and where progress goes (0–1). */
export interface MixJob {
  concatList: string;
  totalSec: number;
  scenes: readonly TimedScene[];
  tools: Tools;
  /** Progress of the mix, 0–1. */
  progress: (fraction: number) => void;
}

/**
 * The soundtrack: narration (+ music bed, ducked) normalised to -14 LUFS in two loudnorm passes,
 * as `temp/soundtrack.m4a`. A checkpoint of its own, keyed by what it is made of (the scenes'
 * audio, the music file and settings), so a changed music volume redoes only this.
 */
export async function mixSoundtrack(ctx: StepContext, job: MixJob): Promise<string> {
  const out = join(ctx.tempDir, 'soundtrack.m4a');
  const files = jobFiles(ctx.tempDir);
  const music = ctx.spec.music;
  const inputs = hashOf({
    recipe: MIX_RECIPE,
    scenes: job.scenes.map((s) => s.clipSec),
    narration: await Promise.all(job.scenes.map((s) => hashFile(files.narrationWav(s.index)))),
    music: music ? { ...music, bytes: await hashFile(music.path) } : null,
    kbps: QUALITY[ctx.spec.output.quality].audioKbps,
  });
  const expected = { durationSec: job.totalSec, fps: ctx.spec.output.fps, audioOnly: true };
  if ((await ctx.checkpoint.isDone('render-mix', inputs)) && (await checkMedia(out, expected)) === undefined) {
    ctx.log.info('Soundtrack already mixed, reused');
    job.progress(1);
    return out;
  }
  const run = (args: string[], label: string, share: [number, number], captureStderr = false) => {
    const progress: FfmpegProgress = { done: false };
    return runProcess(job.tools.ffmpeg.path, args, {
      ...childOptions(ctx, label),
      captureStderr,
      failureCode: 'MIX_FAILED',
      suggestedActions: ["See the job log for ffmpeg's output.", 'Resume the job to mix the soundtrack again.'],
      onStdoutLine: (line) => {
        const block = applyProgressLine(progress, line);
        if (block?.outTimeSec !== undefined)
          job.progress(share[0] + (share[1] - share[0]) * Math.min(1, block.outTimeSec / job.totalSec));
      },
    });
  };
  // Shares of the mix's time, measured on the 12-scene bench: the AAC encode is the slowest part.
  const measured = await run(measureArgs(job.concatList, job.totalSec, music), 'loudness', [0, 0.15], true);
  const measure = parseLoudness(measured.stderr);
  const audible = isAudible(measure) ? measure : undefined;
  if (audible) {
    ctx.log.info(`Soundtrack measured ${audible.integratedLufs.toFixed(1)} LUFS: normalising to ${TARGET_LUFS} LUFS`);
  } else {
    ctx.log.info('The soundtrack is silent: nothing to normalise');
  }
  const wav = `${out}.part.wav`;
  const part = `${out}.part.m4a`;
  try {
    await run(applyArgs(job.concatList, job.totalSec, music, audible, wav), 'mix', [0.15, 0.45]);
    let correctionDb = 0;
    if (audible) {
      // The limiter takes off a little loudness where peaks were high: measure the result, and
      // when it is off by more than half a unit the encode adds the difference back.
      const result = parseLoudness((await run(measureFileArgs(wav), 'loudness check', [0.45, 0.5], true)).stderr);
      const offBy = isAudible(result) ? TARGET_LUFS - result.integratedLufs : 0;
      if (Math.abs(offBy) > LOUDNESS_TOLERANCE_LU) {
        correctionDb = offBy;
        ctx.log.info(`Soundtrack came out at ${result!.integratedLufs.toFixed(1)} LUFS: adding ${offBy.toFixed(1)} dB`);
      }
    }
    await run(encodeArgs(wav, QUALITY[ctx.spec.output.quality].audioKbps, part, correctionDb), 'soundtrack', [0.5, 1]);
    await verifyMedia(part, expected, 'The mixed soundtrack');
  } catch (error) {
    await rm(part, { force: true });
    throw error;
  } finally {
    await rm(wav, { force: true });
  }
  await rename(part, out);
  await ctx.checkpoint.markDone('render-mix', inputs, [out]);
  job.progress(1);
  return out;
}
