import { createRequire } from 'node:module';
import { stat } from 'node:fs/promises';
import type { Settings } from '../../src-shared/settings.js';
import { StepError } from '../engine/errors.js';
import { listedHardwareEncoders } from './encoder-choice.js';
import { findOnPath, isExecutableFile } from './find-executable.js';
import { runProcess } from './process-runner.js';

/** Where an ffmpeg binary came from, for messages. */
export type FfmpegSource = 'setting' | 'AURA_FFMPEG' | 'bundled' | 'PATH';

export interface FfmpegBinary {
  path: string;
  source: FfmpegSource;
}

/** What a binary can do; probed once per binary (and its modification time). */
export interface FfmpegCapabilities {
  version: string;
  libx264: boolean;
  aac: boolean;
  drawtext: boolean;
  /** Hardware H.264 encoders the binary lists (h264_nvenc...): listed, not yet known to work. */
  hardwareEncoders: string[];
  /** Newer ffmpeg (4.4+) accepts `-stats_period`; the bundled 2018 build refuses it. */
  statsPeriod: boolean;
}

const FIX_ACTIONS = [
  'Set "ffmpegPath" in Settings to a working ffmpeg binary, then resume the job.',
  'Or install ffmpeg (with libx264) so that it is on PATH.',
  'Or reinstall Aura Studio to restore its bundled ffmpeg.',
];

/** The ffmpeg inside `@ffmpeg-installer/ffmpeg`, if that package and its platform binary are installed. */
export function bundledFfmpegPath(): string | undefined {
  try {
    const pkg = createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string };
    // Inside a packaged app the binary is unpacked beside the asar archive.
    return pkg.path.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
  } catch {
    return undefined;
  }
}

/**
 * Resolves ffmpeg: setting `ffmpegPath`, else `AURA_FFMPEG`, else the bundled binary, else `ffmpeg`
 * on PATH. An explicit choice (setting or variable) that is not executable is an error rather
 * than a silent fallback: the user asked for that binary.
 */
export async function locateFfmpeg(
  settings: Pick<Settings, 'ffmpegPath'>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<FfmpegBinary> {
  const explicit: [string | null | undefined, FfmpegSource][] = [
    [settings.ffmpegPath, 'setting'],
    [env.AURA_FFMPEG, 'AURA_FFMPEG'],
  ];
  for (const [path, source] of explicit) {
    if (!path) continue;
    if (await isExecutableFile(path)) return { path, source };
    const where = source === 'setting' ? 'the "ffmpegPath" setting' : 'the AURA_FFMPEG variable';
    throw new StepError('FFMPEG_NOT_FOUND', `ffmpeg was not found at ${path} (from ${where}).`, {
      suggestedActions: FIX_ACTIONS,
      retryable: true,
    });
  }
  const bundled = bundledFfmpegPath();
  if (bundled && (await isExecutableFile(bundled))) return { path: bundled, source: 'bundled' };
  const onPath = await findOnPath('ffmpeg', env);
  if (onPath) return { path: onPath, source: 'PATH' };
  throw new StepError('FFMPEG_NOT_FOUND', 'No ffmpeg was found: none configured, none bundled, none on PATH.', {
    suggestedActions: FIX_ACTIONS,
    retryable: true,
  });
}

/** Reads capabilities from `ffmpeg -version`, `-encoders` and `-filters` output. */
export function parseCapabilities(
  versionText: string,
  encodersText: string,
  filtersText: string,
): Omit<FfmpegCapabilities, 'statsPeriod'> {
  const listed = (text: string, name: string) => new RegExp(`^\\s*[A-Z.|]{3,8}\\s+${name}\\s`, 'm').test(text);
  return {
    version: /ffmpeg version (\S+)/.exec(versionText)?.[1] ?? 'unknown',
    libx264: listed(encodersText, 'libx264'),
    aac: listed(encodersText, 'aac'),
    drawtext: listed(filtersText, 'drawtext'),
    hardwareEncoders: [...listedHardwareEncoders(encodersText)],
  };
}

const cache = new Map<string, Promise<FfmpegCapabilities>>();

/**
 * Probes a binary once per path and modification time (a replaced binary is probed again). The
 * probe is shared by every job, so it runs on no job's signal (its timeout bounds it); each
 * caller stops waiting when its own signal aborts.
 */
export async function probeFfmpeg(path: string, signal?: AbortSignal): Promise<FfmpegCapabilities> {
  const key = `${path}\0${(await stat(path)).mtimeMs}`;
  let probe = cache.get(key);
  if (!probe) {
    probe = runProbe(path);
    cache.set(key, probe);
    probe.catch(() => cache.delete(key));
  }
  return signal ? untilAborted(probe, signal) : probe;
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

async function runProbe(path: string): Promise<FfmpegCapabilities> {
  const run = (args: string[]) =>
    runProcess(path, ['-hide_banner', ...args], {
      captureStdout: true,
      lowPriority: false,
      timeoutMs: 15_000,
      failureCode: 'FFMPEG_UNUSABLE',
      suggestedActions: FIX_ACTIONS,
    });
  const [version, encoders, filters] = await Promise.all([run(['-version']), run(['-encoders']), run(['-filters'])]);
  const statsPeriod = await run([
    '-nostdin',
    '-stats_period',
    '0.25',
    '-f',
    'lavfi',
    '-i',
    'anullsrc',
    '-t',
    '0.05',
    '-f',
    'null',
    '-',
  ]).then(
    () => true,
    (error: unknown) => {
      // A passing shortage (EMFILE) says nothing about the binary: fail the probe, do not cache "no".
      if (error instanceof StepError && error.code === 'SPAWN_FAILED') throw error;
      return false;
    },
  );
  return { ...parseCapabilities(version.stdout, encoders.stdout, filters.stdout), statsPeriod };
}

/** Throws FFMPEG_UNUSABLE naming what the binary lacks for rendering. */
export function assertUsable(binary: FfmpegBinary, caps: FfmpegCapabilities): void {
  const missing = [
    caps.libx264 ? null : 'the libx264 encoder',
    caps.aac ? null : 'the aac encoder',
    caps.drawtext ? null : 'the drawtext filter',
  ].filter((m): m is string => m !== null);
  if (missing.length === 0) return;
  throw new StepError(
    'FFMPEG_UNUSABLE',
    `The ffmpeg at ${binary.path} (${binary.source}) lacks ${missing.join(' and ')}, which rendering needs.`,
    { suggestedActions: FIX_ACTIONS, retryable: true },
  );
}
