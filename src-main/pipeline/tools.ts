import type { StepContext } from '../engine/step.js';
import { StepError } from '../engine/errors.js';
import { ChildRegistry } from './child-registry.js';
import {
  assertUsable,
  locateFfmpeg,
  probeFfmpeg,
  type FfmpegBinary,
  type FfmpegCapabilities,
} from './ffmpeg-locate.js';
import { findFonts, type Fonts } from './font.js';
import type { RunOptions } from './process-runner.js';

/** What the encoding steps need from the machine, resolved the same way preflight checked it. */
export interface Tools {
  ffmpeg: FfmpegBinary;
  caps: FfmpegCapabilities;
  fonts: Fonts;
}

/** Locates and probes ffmpeg (probe cached per binary) and finds the shipped fonts. */
export async function resolveTools(ctx: StepContext): Promise<Tools> {
  const ffmpeg = await locateFfmpeg(ctx.settings);
  const caps = await probeFfmpeg(ffmpeg.path, ctx.signal);
  assertUsable(ffmpeg, caps);
  return { ffmpeg, caps, fonts: requireFonts() };
}

/** The shipped fonts, or FONT_MISSING. */
export function requireFonts(): Fonts {
  const fonts = findFonts();
  if (fonts) return fonts;
  throw new StepError('FONT_MISSING', 'The font Aura Studio ships for titles and captions (DejaVu Sans) is missing.', {
    suggestedActions: ['Reinstall Aura Studio to restore assets/fonts/, then resume the job.'],
    retryable: true,
  });
}

/**
 * Runner options every child of a step shares: abort, pid registry, and stderr into the job's
 * log line by line, labelled (`[scene 3] ...`) so parallel children's output stays readable.
 */
export function childOptions(ctx: StepContext, label: string, signal: AbortSignal = ctx.signal): RunOptions {
  return {
    signal,
    onStderrLine: (line) => ctx.log.raw(`[${label}] ${line}`),
    registry: new ChildRegistry(ctx.tempDir),
  };
}
