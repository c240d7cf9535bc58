import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { StepContext } from '../engine/step.js';
import { applyArgs, isAudible, measureArgs, parseLoudnorm, TARGET_LUFS, type LoudnessMeasure } from './audio-mix.js';
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
  const run = async (args: string[], label: string, share: [number, number], captureStderr = false) => {
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
  const measured = await run(measureArgs(job.concatList, job.totalSec, music), 'loudness', [0, 0.5], true);
  const measure: LoudnessMeasure | undefined = parseLoudnorm(measured.stderr);
  if (isAudible(measure)) {
    ctx.log.info(
      `Loudness measured ${measure.inputI.toFixed(1)} LUFS, true peak ${measure.inputTp.toFixed(1)} dBTP: normalising to ${TARGET_LUFS} LUFS`,
    );
  } else {
    ctx.log.info('The soundtrack is silent: nothing to normalise');
  }
  const part = `${out}.part.m4a`;
  try {
    const kbps = QUALITY[ctx.spec.output.quality].audioKbps;
    await run(
      applyArgs(job.concatList, job.totalSec, music, isAudible(measure) ? measure : undefined, kbps, part),
      'mix',
      [0.5, 1],
    );
    await verifyMedia(part, expected, 'The mixed soundtrack');
  } catch (error) {
    await rm(part, { force: true });
    throw error;
  }
  await rename(part, out);
  await ctx.checkpoint.markDone('render-mix', inputs, [out]);
  job.progress(1);
  return out;
}
