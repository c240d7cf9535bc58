import { statfs } from 'node:fs/promises';
import type { Step, StepContext } from '../../engine/step.js';
import { StepError } from '../../engine/errors.js';
import type { JobErrorCode } from '../../../src-shared/job-codes.js';
import { ChildRegistry } from '../child-registry.js';
import { estimateDiskBytes, estimateTotalSec } from '../disk-estimate.js';
import { runProcess } from '../process-runner.js';
import { mediaFileProblem } from '../media-file-check.js';
import { buildScenes } from '../script-parser.js';
import { childOptions, resolveTools, type Tools } from '../tools.js';

/** Checks the machine against the spec before any work: runs again on every attempt. */
export function preflightStep(weight: number): Step {
  return { name: 'preflight', stage: 'Preflight', weight, resumable: false, folders: [], run: preflight };
}

async function preflight(ctx: StepContext): Promise<void> {
  ctx.progress(0, 'Checking ffmpeg');
  // Encoders left running by a crashed attempt would write into the scenes this one makes.
  const reaped = await new ChildRegistry(ctx.tempDir).reapOrphans();
  if (reaped > 0) ctx.log.warn(`Stopped ${reaped} process(es) left over from an interrupted attempt.`);
  const tools = await resolveTools(ctx);
  ctx.log.info(`ffmpeg ${tools.caps.version} (${tools.ffmpeg.source}): ${tools.ffmpeg.path}`);
  ctx.progress(40, 'Checking images');

  const scenes = buildScenes(ctx.spec);
  for (const scene of scenes) {
    if (!scene.image) continue;
    const image = scene.image;
    const fail = (code: JobErrorCode, why: string, cause?: unknown) =>
      new StepError(code, `The image of scene ${scene.index} (${image}) ${why}.`, {
        suggestedActions: [
          'Replace the file at that path with a PNG or JPEG image, then resume the job.',
          'Or remove "image" from that scene in the spec.',
        ],
        retryable: true,
        cause,
      });
    // The same check the submit ran (the file may have changed since), then a real decode.
    const problem = await mediaFileProblem(image, 'image');
    if (problem) throw fail('IMAGE_UNREADABLE', problem);
    try {
      await decodes(ctx, tools, `image ${scene.index}`, image, ['-frames:v', '1']);
    } catch (cause) {
      ctx.signal.throwIfAborted();
      throw fail('IMAGE_UNREADABLE', 'is not an image ffmpeg can decode', cause);
    }
  }
  if (ctx.spec.music) await checkMusic(ctx, tools, ctx.spec.music.path);
  ctx.progress(80, 'Checking disk space');

  const needed = estimateDiskBytes(ctx.spec, estimateTotalSec(scenes, ctx.spec.voice.rate));
  const fs = await statfs(ctx.tempDir);
  const free = fs.bavail * fs.bsize;
  if (free < needed) {
    const mb = (n: number) => `${Math.ceil(n / 1024 / 1024)} MB`;
    throw new StepError('DISK_FULL', `The render needs about ${mb(needed)} of disk space; ${mb(free)} is free.`, {
      suggestedActions: ['Free disk space (or delete old jobs), then resume the job.'],
      retryable: true,
    });
  }
  ctx.progress(100);
}

/** Throws unless ffmpeg decodes the start of `path` with `select` (e.g. one frame, or the first sound stream). */
async function decodes(ctx: StepContext, tools: Tools, label: string, path: string, select: string[]): Promise<void> {
  await runProcess(
    tools.ffmpeg.path,
    ['-hide_banner', '-nostdin', '-v', 'error', '-xerror', '-i', path, ...select, '-f', 'null', '-'],
    { ...childOptions(ctx, label), timeoutMs: 30_000 },
  );
}

/** The music bed must be readable and really audio (its first bytes, then a sound stream ffmpeg decodes), like images. */
async function checkMusic(ctx: StepContext, tools: Tools, path: string): Promise<void> {
  const fail = (why: string, cause?: unknown) =>
    new StepError('AUDIO_UNREADABLE', `The music file (${path}) ${why}.`, {
      suggestedActions: [
        'Replace the file at that path with an MP3, M4A, WAV or OGG audio file, then resume the job.',
        'Or remove "music" from the spec.',
      ],
      retryable: true,
      cause,
    });
  const problem = await mediaFileProblem(path, 'audio');
  if (problem) throw fail(problem);
  try {
    await decodes(ctx, tools, 'music', path, ['-map', '0:a:0', '-t', '1']);
  } catch (cause) {
    ctx.signal.throwIfAborted();
    throw fail('is not audio ffmpeg can decode', cause);
  }
}
