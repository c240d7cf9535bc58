import { existsSync } from 'node:fs';
import { execa } from 'execa';
import { createEngine, type Engine, type EngineOptions } from '../../../src-main/engine/engine.js';
import { createPipelineSteps } from '../../../src-main/pipeline/index.js';
export { processesMentioning } from '../../../src-main/pipeline/child-registry.js';
import type { Settings } from '../../../src-shared/settings.js';
import type { Job } from '../../../src-shared/job.js';
import { RenderSpecSchema, type RenderSpecInput, type SceneSpec } from '../../../src-shared/spec.js';
import { waitForEvent } from '../../helpers/wait.js';

/** espeak-ng's path when installed (Debian CI installs it; tests that speak are skipped without it). */
export const ESPEAK = ['/usr/bin/espeak-ng', '/usr/local/bin/espeak-ng', '/opt/homebrew/bin/espeak-ng'].find((p) =>
  existsSync(p),
);

/** The options of an engine running the real pipeline on `dataDir` (startPipelineEngine's and usePipelineEngine's). */
export function pipelineEngineOptions(dataDir: string, settings: Partial<Settings> = {}): EngineOptions {
  return {
    dataDir,
    steps: createPipelineSteps,
    settings: { cleanupInitialDelayMinutes: 600, ...settings },
  };
}

/** An engine running the real pipeline on `dataDir`. */
export function startPipelineEngine(dataDir: string, settings: Partial<Settings> = {}): Promise<Engine> {
  return createEngine(pipelineEngineOptions(dataDir, settings));
}

/** Queues `input` on `engine` and waits for it to end: the completed job, or an error naming the failure. */
export async function renderToEnd(engine: Engine, input: RenderSpecInput, timeoutMs: number): Promise<Job> {
  const created = await engine.create(RenderSpecSchema.parse(input));
  const end = await waitForEvent(
    engine,
    (e) => e.jobId === created.jobId && (e.type === 'job-completed' || e.type === 'job-failed'),
    timeoutMs,
  );
  if (end.type === 'job-failed') throw new Error(`render failed: ${JSON.stringify(end.data.error)}`);
  return engine.get(created.jobId)!;
}

/** A tiny render: 160×90, 30 fps, draft, `count` scenes of 1 s unless overridden. */
export function tinySpec(
  count: number,
  scene: Partial<SceneSpec> = {},
  voice: RenderSpecInput['voice'] = { engine: 'none' },
): RenderSpecInput {
  return {
    title: 'tiny',
    scenes: Array.from({ length: count }, (_, i) => ({
      heading: `Scene ${i + 1}`,
      narration: `Words for scene number ${i + 1}.`,
      durationSec: 1,
      ...scene,
    })),
    voice,
    output: { width: 160, height: 90, fps: 30, quality: 'draft' },
  };
}

export interface ProbedMedia {
  durationSec: number;
  video?: { width: number; height: number; fps: number; codec: string };
  audio?: { codec: string };
}

/** Reads duration and streams of a media file with the system ffprobe (installed in CI). */
export async function probeMedia(path: string): Promise<ProbedMedia> {
  const { stdout } = await execa('ffprobe', [
    '-v',
    'error',
    '-print_format',
    'json',
    '-show_format',
    '-show_streams',
    path,
  ]);
  const json = JSON.parse(stdout) as {
    format: { duration: string };
    streams: { codec_type: string; codec_name: string; width?: number; height?: number; r_frame_rate?: string }[];
  };
  const v = json.streams.find((s) => s.codec_type === 'video');
  const a = json.streams.find((s) => s.codec_type === 'audio');
  const [num, den] = (v?.r_frame_rate ?? '0/1').split('/').map(Number);
  return {
    durationSec: Number(json.format.duration),
    ...(v ? { video: { width: v.width!, height: v.height!, fps: num! / den!, codec: v.codec_name } } : {}),
    ...(a ? { audio: { codec: a.codec_name } } : {}),
  };
}

/** Peak level of a file's audio in dB (about -91 for digital silence). */
export async function audioPeakDb(path: string): Promise<number> {
  const { stderr } = await execa('ffmpeg', [
    '-hide_banner',
    '-nostdin',
    '-i',
    path,
    '-af',
    'volumedetect',
    '-vn',
    '-f',
    'null',
    '-',
  ]);
  const m = /max_volume:\s*(-?[\d.]+|-inf) dB/.exec(stderr);
  return m ? (m[1] === '-inf' ? -Infinity : Number(m[1])) : NaN;
}
