import { createHash } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeJsonAtomic } from '../engine/atomic-file.js';
import { hashInputs } from '../engine/checkpoint-store.js';
import { StepError } from '../engine/errors.js';
import type { Scene } from './script-parser.js';

/** A scene with its narration audio and final length (timeline.json, from the narration step). */
export interface TimedScene extends Scene {
  /** Length of the narration audio. */
  audioSec: number;
  /** Frame-exact clip length: `durationSec` when given, else the audio's length. */
  clipSec: number;
}

/** Where the steps leave their results in the job's temp dir: the contract between steps. */
export const jobFiles = (tempDir: string) => ({
  scenes: join(tempDir, 'scenes.json'),
  timeline: join(tempDir, 'timeline.json'),
  narrationDir: join(tempDir, 'narration'),
  narrationWav: (n: number) => join(tempDir, 'narration', `scene-${n}.wav`),
  narrationText: (n: number) => join(tempDir, 'narration', `scene-${n}.txt`),
  clipsDir: join(tempDir, 'clips'),
  clipName: (n: number) => `scene-${n}.mp4`,
  clip: (n: number) => join(tempDir, 'clips', `scene-${n}.mp4`),
  concatList: join(tempDir, 'clips', 'concat.txt'),
});

/** Thumbnail name in proxy/ (served as /api/jobs/{id}/proxy/scene-<n>.jpg). */
export const thumbName = (n: number) => `scene-${n}.jpg`;

/** The checkpoints' one input hash (the engine's: canonical JSON, so key order never matters). */
export const hashOf = hashInputs;

/** Hash of a file's bytes (narration audio decides whether a clip must be made again). */
export async function hashFile(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}

/** Writes JSON durably (the engine's atomic write) so a crash never leaves half a file for resume to trip on. */
export const writeJson = writeJsonAtomic;

/** Reads a step's JSON result; a missing or torn file is a clear, retryable StepError. */
export async function readJson<T>(path: string, what: string): Promise<T> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch (cause) {
    throw new StepError('STEP_INPUT_MISSING', `The ${what} from an earlier step is missing or damaged.`, {
      suggestedActions: ['Resume the job: the earlier step will run again.'],
      retryable: true,
      cause,
    });
  }
}

/** Half-written outputs of an interrupted attempt (`*<suffix>`): never reused, removed before new work. */
export async function removePartials(dir: string, suffix: string): Promise<void> {
  for (const name of await readdir(dir)) {
    if (name.endsWith(suffix)) await rm(join(dir, name), { force: true });
  }
}
