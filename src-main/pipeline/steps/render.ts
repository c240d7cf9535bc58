import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Step, StepContext } from '../../engine/step.js';
import { concatArgs, concatList } from '../encode-args.js';
import { applyProgressLine, type FfmpegProgress } from '../ffmpeg-progress.js';
import { jobFiles, readJson, type TimedScene } from '../job-files.js';
import { runProcess } from '../process-runner.js';
import { childOptions, resolveTools } from '../tools.js';
import { verifyMedia } from '../verify-media.js';

/** The artifact every completed render job has. */
export const OUTPUT_NAME = 'output.mp4';

/** Joins the clips without re-encoding into artifacts/output.mp4 (+faststart). */
export function renderStep(weight: number): Step {
  return { name: 'render', stage: 'Render', weight, run: render };
}

async function render(ctx: StepContext) {
  const files = jobFiles(ctx.tempDir);
  const scenes = await readJson<TimedScene[]>(files.timeline, 'scene timeline');
  const tools = await resolveTools(ctx);
  const totalSec = scenes.reduce((sum, s) => sum + s.clipSec, 0);
  await writeFile(
    files.concatList,
    concatList(scenes.map((s) => ({ name: files.clipName(s.index), durationSec: s.clipSec }))),
    'utf8',
  );

  const output = join(ctx.artifactsDir, OUTPUT_NAME);
  const part = join(ctx.artifactsDir, `.${OUTPUT_NAME}.part`);
  const progress: FfmpegProgress = { done: false };
  const args = concatArgs(files.concatList, part);
  try {
    await runProcess(tools.ffmpeg.path, tools.caps.statsPeriod ? ['-stats_period', '0.25', ...args] : args, {
      ...childOptions(ctx, 'join'),
      failureCode: 'RENDER_FAILED',
      suggestedActions: ["See the job log for ffmpeg's output.", 'Resume the job to join the scenes again.'],
      onStdoutLine: (line) => {
        const block = applyProgressLine(progress, line);
        // The +faststart pass after the copy reports nothing: stop short of 100 until it is done.
        if (block?.outTimeSec !== undefined) ctx.progress(Math.min(99, (block.outTimeSec / totalSec) * 100));
      },
    });
    // ffmpeg can exit 0 over a clip it could not read: only the joined file's index says it is whole.
    await verifyMedia(part, { durationSec: totalSec, fps: ctx.spec.output.fps }, 'The joined video');
  } catch (error) {
    await rm(part, { force: true });
    throw error;
  }
  await rename(part, output);
  await ctx.addArtifact(OUTPUT_NAME, 'video/mp4');
  ctx.log.info(`Joined ${scenes.length} scene clip(s) into ${OUTPUT_NAME} (${totalSec.toFixed(2)} s)`);
  ctx.progress(100);
  return { outputs: [output] };
}
