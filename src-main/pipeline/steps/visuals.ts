import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Step, StepContext } from '../../engine/step.js';
import { StepError } from '../../engine/errors.js';
import { sceneClipArgs } from '../encode-args.js';
import { applyProgressLine, type FfmpegProgress } from '../ffmpeg-progress.js';
import { hashFile, hashOf, jobFiles, readJson, removePartials, thumbName, type TimedScene } from '../job-files.js';
import { decideEncoder } from '../encoder-choice.js';
import { runPool, sceneParallelism, threadsPerEncoder } from '../parallel.js';
import { runProcess } from '../process-runner.js';
import { buildSceneLooks, headingWarning } from '../scene-looks.js';
import { childOptions, resolveTools } from '../tools.js';
import { checkMedia, verifyMedia, type ExpectedMedia } from '../verify-media.js';

/** Bumped when the clip recipe changes, so old checkpoints no longer match. */
const RECIPE_VERSION = 2;

/** One H.264/AAC clip per scene, in parallel; every finished clip is a checkpoint. */
export function visualsStep(weight: number): Step {
  // Not skipped as a whole on resume: each scene's checkpoint is verified on its own (a clip cut
  // short or damaged since is made again), which costs a read of each clip's index.
  return { name: 'visuals', stage: 'Visuals', weight, resumable: false, folders: ['proxy'], run: visuals };
}

async function visuals(ctx: StepContext) {
  const files = jobFiles(ctx.tempDir);
  const scenes = await readJson<TimedScene[]>(files.timeline, 'scene timeline');
  const tools = await resolveTools(ctx);
  await mkdir(files.clipsDir, { recursive: true });
  await removePartials(files.clipsDir, '.part.mp4');

  const looks = new Map(buildSceneLooks(scenes, ctx.spec, tools.fonts).map((look) => [look.scene.index, look]));
  const parallel = sceneParallelism(ctx.settings.maxParallelScenes);
  const threads = threadsPerEncoder(parallel);
  const totalSec = scenes.reduce((sum, s) => sum + s.clipSec, 0);
  let finishedSec = 0;
  let finishedCount = 0;
  /** Scenes a resumed attempt took from its checkpoints: the queue row says so ("resumed: 3 of 8 scenes reused"). */
  let reusedCount = 0;
  const running = new Map<number, number>();
  const report = () => {
    let doneSec = finishedSec;
    for (const sec of running.values()) doneSec += sec;
    const reused = reusedCount > 0 ? ` (resumed: ${reusedCount} of ${scenes.length} scenes reused)` : '';
    ctx.progress(Math.min(100, (doneSec / totalSec) * 100), `Scene ${finishedCount} of ${scenes.length} done${reused}`);
  };
  const encoder = await decideEncoder(tools.ffmpeg.path, ctx.spec.output.encoder, new Set(tools.caps.hardwareEncoders));
  ctx.log.info(`Video encoder ${encoder.codec}: ${encoder.reason}`);
  if (encoder.fallback) {
    ctx.warn(
      'ENCODER_UNAVAILABLE',
      `The ${ctx.spec.output.encoder} encoder cannot be used (${encoder.fallback}): encoding with libx264 instead.`,
    );
  }
  ctx.log.info(`Encoding ${scenes.length} scene(s), ${parallel} at a time, ${threads} thread(s) each`);

  // Longest first: the parallel encoders finish together, and work in flight at any moment (what
  // a pause or crash throws away) shrinks as the render nears its end.
  const queue = [...scenes].sort((a, b) => b.clipSec - a.clipSec || a.index - b.index);
  await runPool(queue, parallel, ctx.signal, async (scene, signal) => {
    const key = `visuals-scene-${scene.index}`;
    const audioPath = files.narrationWav(scene.index);
    const look = looks.get(scene.index)!;
    // The look includes the laid-out text and the previous scene's look when a transition starts from it.
    const inputs = hashOf({
      recipe: RECIPE_VERSION,
      scene,
      output: ctx.spec.output,
      // The codec actually used: clips of different encoders cannot be joined by stream copy.
      codec: encoder.codec,
      look: { ...look, fonts: undefined },
      audio: await hashFile(audioPath),
    });
    const clip = files.clip(scene.index);
    const expected = { durationSec: scene.clipSec, fps: ctx.spec.output.fps };
    if (await trustedCheckpoint(ctx, key, inputs, clip, expected, scene.index)) reusedCount++;
    else {
      const part = `${clip}.${process.pid}.part.mp4`;
      const progress: FfmpegProgress = { done: false };
      running.set(scene.index, 0);
      const started = performance.now();
      const tooLong = headingWarning(scene, look);
      if (tooLong) ctx.warn('HEADING_TOO_LONG', tooLong);
      const args = sceneClipArgs({
        videoCodec: encoder.codec,
        look,
        audioPath,
        outPath: part,
        thumbPath: join(ctx.proxyDir, thumbName(scene.index)),
        output: ctx.spec.output,
        threads,
      });
      try {
        await runProcess(tools.ffmpeg.path, tools.caps.statsPeriod ? ['-stats_period', '0.25', ...args] : args, {
          ...childOptions(ctx, `scene ${scene.index}`, signal),
          onStdoutLine: (line) => {
            const block = applyProgressLine(progress, line);
            if (block?.outTimeSec !== undefined) {
              running.set(scene.index, Math.min(scene.clipSec, block.outTimeSec));
              report();
            }
          },
          failureCode: 'ENCODE_FAILED',
        });
      } catch (error) {
        running.delete(scene.index);
        await rm(part, { force: true });
        signal.throwIfAborted();
        throw asEncodeError(scene.index, error);
      }
      try {
        await verifyMedia(part, expected, `Scene ${scene.index}'s clip`);
      } catch (error) {
        running.delete(scene.index);
        await rm(part, { force: true });
        throw error;
      }
      ctx.log.debug(
        `Scene ${scene.index}: ${scene.clipSec} s encoded in ${((performance.now() - started) / 1000).toFixed(2)} s`,
      );
      // Counted as fully done while it is moved into place, so the progress never dips.
      running.set(scene.index, scene.clipSec);
      await rename(part, clip);
      await ctx.checkpoint.markDone(key, inputs, [clip]);
    }
    running.delete(scene.index);
    finishedSec += scene.clipSec;
    finishedCount++;
    report();
  });
  if (reusedCount > 0) ctx.log.info(`Resumed: ${reusedCount} of ${scenes.length} scenes reused`);
  return { outputs: scenes.map((s) => files.clip(s.index)) };
}

/** A scene's checkpoint holds only when its clip still is the complete video it recorded. */
async function trustedCheckpoint(
  ctx: StepContext,
  key: string,
  inputs: string,
  clip: string,
  expected: ExpectedMedia,
  index: number,
): Promise<boolean> {
  if (!(await ctx.checkpoint.isDone(key, inputs))) return false;
  const problem = await checkMedia(clip, expected);
  if (problem === undefined) return true;
  ctx.log.warn(`Scene ${index}'s finished clip is not usable (${problem}): making it again`);
  return false;
}

/** The scene named in the message; a cause the runner already named (DISK_FULL, SPAWN_FAILED) keeps its code. */
function asEncodeError(index: number, error: unknown): StepError {
  const message = error instanceof Error ? error.message : String(error);
  const known = error instanceof StepError && error.code !== 'ENCODE_FAILED' ? error : undefined;
  return new StepError(known?.code ?? 'ENCODE_FAILED', `Scene ${index} could not be encoded: ${message}`, {
    suggestedActions: known?.suggestedActions ?? [
      "See the job log for ffmpeg's output.",
      'Resume the job to try the scene again.',
    ],
    retryable: true,
    cause: error,
  });
}
