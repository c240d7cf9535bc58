import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ARTIFACT_TYPES, artifactNames } from '../../../src-shared/artifact-names.js';
import type { Step, StepContext } from '../../engine/step.js';
import { chaptersOf, ffmetadata } from '../chapters.js';
import { concatList } from '../encode-args.js';
import { applyProgressLine, type FfmpegProgress } from '../ffmpeg-progress.js';
import { jobFiles, readJson, type TimedScene } from '../job-files.js';
import { muxArgs } from '../mux-args.js';
import { runProcess } from '../process-runner.js';
import { writeExtras } from '../render-extras.js';
import { mixSoundtrack } from '../render-mix.js';
import { childOptions, resolveTools } from '../tools.js';
import { verifyMedia } from '../verify-media.js';

/**
 * Shares of the render step, measured on the 12-scene bench: the two loudness passes decode
 * every clip's sound (most of the time), the final join copies streams, the extras are a frame grab.
 */
const SHARE = { mix: 0.6, mux: 0.3 } as const;

/** Mixes and normalises the soundtrack, joins the clips with it into `<title>.mp4`, and writes the files beside it. */
export function renderStep(weight: number): Step {
  return { name: 'render', stage: 'Render', weight, folders: ['artifacts'], run: render };
}

async function render(ctx: StepContext) {
  const files = jobFiles(ctx.tempDir);
  const scenes = await readJson<TimedScene[]>(files.timeline, 'scene timeline');
  const tools = await resolveTools(ctx);
  const totalSec = scenes.reduce((sum, s) => sum + s.clipSec, 0);
  const names = artifactNames(ctx.spec.title);
  await writeFile(
    files.concatList,
    concatList(scenes.map((s) => ({ name: files.clipName(s.index), durationSec: s.clipSec }))),
    'utf8',
  );

  const soundtrack = await mixSoundtrack(ctx, {
    concatList: files.concatList,
    totalSec,
    scenes,
    tools,
    progress: (f) => ctx.progress(f * SHARE.mix * 100, 'Mixing the soundtrack'),
  });

  const chapters = chaptersOf(scenes);
  const metadata = join(ctx.tempDir, 'metadata.txt');
  await writeFile(metadata, ffmetadata(ctx.spec.title, ctx.spec.chapters ? chapters : []), 'utf8');
  const output = join(ctx.artifactsDir, names.video);
  const part = join(ctx.artifactsDir, `.${names.video}.part`);
  const progress: FfmpegProgress = { done: false };
  const args = muxArgs({
    concatList: files.concatList,
    soundtrack,
    metadata,
    chapters: ctx.spec.chapters,
    outPath: part,
  });
  try {
    await runProcess(tools.ffmpeg.path, tools.caps.statsPeriod ? ['-stats_period', '0.25', ...args] : args, {
      ...childOptions(ctx, 'join'),
      failureCode: 'RENDER_FAILED',
      suggestedActions: ["See the job log for ffmpeg's output.", 'Resume the job to join the scenes again.'],
      onStdoutLine: (line) => {
        const block = applyProgressLine(progress, line);
        if (block?.outTimeSec !== undefined)
          ctx.progress((SHARE.mix + SHARE.mux * Math.min(1, block.outTimeSec / totalSec)) * 100, 'Joining the scenes');
      },
    });
    // ffmpeg can exit 0 over a clip it could not read: only the joined file's index says it is whole.
    await verifyMedia(part, { durationSec: totalSec, fps: ctx.spec.output.fps }, 'The joined video');
  } catch (error) {
    await rm(part, { force: true });
    throw error;
  }
  await rename(part, output);
  // The video is listed first: whatever looks for "the output" finds it there.
  await ctx.addArtifact(names.video, ARTIFACT_TYPES.video);
  ctx.log.info(
    `Joined ${scenes.length} scene clip(s) into ${names.video} (${totalSec.toFixed(2)} s` +
      (ctx.spec.chapters ? `, ${chapters.length} chapter(s))` : ')'),
  );
  await writeExtras(ctx, scenes, chapters, tools);
  ctx.progress(100);
  return { outputs: [output] };
}
