import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ARTIFACT_TYPES, artifactNames } from '../../src-shared/artifact-names.js';
import type { StepContext } from '../engine/step.js';
import { youtubeChapters, type Chapter } from './chapters.js';
import type { TimedScene } from './job-files.js';
import { backgroundInput, sceneVideoGraph } from './scene-graph.js';
import { buildSceneLooks } from './scene-looks.js';
import { runProcess } from './process-runner.js';
import { sidecarCues } from './sidecar-cues.js';
import { toSrt, toVtt } from './subtitles.js';
import { childOptions, type Tools } from './tools.js';

/** Long side of the thumbnail: 1280×720 for 16:9, the same long side at any other aspect. */
const THUMB_LONG_SIDE = 1280;

/** The thumbnail's size for a frame of `width`×`height`: even, the long side 1280. */
export function thumbnailSize(width: number, height: number): { width: number; height: number } {
  const even = (n: number) => Math.max(2, Math.round(n / 2) * 2);
  return width >= height
    ? { width: THUMB_LONG_SIDE, height: even((THUMB_LONG_SIDE * height) / width) }
    : { width: even((THUMB_LONG_SIDE * width) / height), height: THUMB_LONG_SIDE };
}

/** Writes a text artifact whole (temp name, then rename) and lists it on the job. */
async function writeTextArtifact(ctx: StepContext, name: string, type: string, text: string): Promise<void> {
  const part = join(ctx.artifactsDir, `.${name}.part`);
  await writeFile(part, text, 'utf8');
  await rename(part, join(ctx.artifactsDir, name));
  await ctx.addArtifact(name, type);
}

/**
 * The files beside the video: `.srt`/`.vtt` captions (unless captions are `none` or `burn`),
 * `-chapters.txt` (unless chapters are off or there are none) and the thumbnail JPEG.
 */
export async function writeExtras(
  ctx: StepContext,
  scenes: readonly TimedScene[],
  chapters: readonly Chapter[],
  tools: Tools,
): Promise<void> {
  const names = artifactNames(ctx.spec.title);
  const { captions } = ctx.spec;
  if (captions === 'both' || captions === 'sidecar') {
    const cues = sidecarCues(scenes, ctx.spec.output, tools.fonts);
    await writeTextArtifact(ctx, names.srt, ARTIFACT_TYPES.srt, toSrt(cues));
    await writeTextArtifact(ctx, names.vtt, ARTIFACT_TYPES.vtt, toVtt(cues));
  }
  if (ctx.spec.chapters && chapters.length > 0) {
    await writeTextArtifact(ctx, names.chapters, ARTIFACT_TYPES.chapters, youtubeChapters(chapters));
  }
  await writeThumbnail(ctx, scenes, tools, names.thumbnail);
}

/**
 * The thumbnail: the chosen scene drawn once more as a still, heading and all but without
 * captions or the transition into it (what a viewer should see before pressing play).
 */
async function writeThumbnail(ctx: StepContext, scenes: readonly TimedScene[], tools: Tools, name: string) {
  const index = Math.min(ctx.spec.thumbnail.scene, scenes.length - 1);
  const { transition: _from, fadeOutSec: _fade, ...look } = buildSceneLooks(scenes, ctx.spec, tools.fonts)[index]!;
  const still = { ...look, burnCaptions: false };
  const { width } = thumbnailSize(ctx.spec.output.width, ctx.spec.output.height);
  const part = join(ctx.artifactsDir, `.${name}.part.jpg`);
  try {
    await runProcess(
      tools.ffmpeg.path,
      [
        ...['-hide_banner', '-nostdin', '-y', '-loglevel', 'error', ...backgroundInput(still, still.frame)],
        ...['-filter_complex', sceneVideoGraph(still, width)],
        ...['-map', '[th]', '-frames:v', '1', '-q:v', '3', '-f', 'image2', part],
        ...['-map', '[v]', '-frames:v', '1', '-f', 'null', '-'],
      ],
      { ...childOptions(ctx, 'thumbnail'), failureCode: 'THUMBNAIL_FAILED' },
    );
  } catch (error) {
    await rm(part, { force: true });
    throw error;
  }
  await rename(part, join(ctx.artifactsDir, name));
  await ctx.addArtifact(name, ARTIFACT_TYPES.thumbnail);
}
