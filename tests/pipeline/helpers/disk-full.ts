/**
 * The real "disk fills up mid-render" fault: a small tmpfs as the data dir, a filler file grown
 * until ENOSPC while a scene is being encoded, then the space freed and the job resumed.
 * Shared by the CI test (a few rounds) and bench/render/disk-full.ts (many rounds).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Engine } from '../../../src-main/engine/engine.js';
import { RenderSpecSchema } from '../../../src-shared/spec.js';
import { fillUntilFull } from '../../helpers/tmpfs.js';
import { waitUntil } from '../../helpers/wait.js';
import { startPipelineEngine, tinySpec } from './pipeline-engine.js';

/** What one round saw. */
export interface DiskFullRound {
  /** How the first attempt ended: `completed` or the failure's code. */
  firstEnd: string;
  /** How the job ended after space was freed and it was resumed (`completed` or a code). */
  finalEnd: string;
  /** The video's duration by its own index when the job completed. */
  durationSec?: number;
  expectedSec: number;
  /** ffmpeg reported a failed trailer write, or a finished clip was found unusable. */
  trailerCase: boolean;
  /** Every failure message seen, for the report. */
  messages: string[];
}

/** The picture's duration by the system ffprobe: a judge independent of the pipeline's own box reader. */
function videoDurationSec(path: string): number {
  const out = execFileSync('ffprobe', [
    '-v',
    'error',
    '-select_streams',
    'v:0',
    '-show_entries',
    'stream=duration',
    '-of',
    'csv=p=0',
    path,
  ]);
  return Number(out.toString().trim());
}

/**
 * Ends as `completed` or the failure's code, with its message collected. Polls the engine's view
 * rather than waiting for an event: on a full disk the failure may not reach the event log.
 */
async function settle(engine: Engine, jobId: string, messages: string[]): Promise<string> {
  await waitUntil('the job to end', () => ['completed', 'failed'].includes(engine.get(jobId)?.status ?? ''), 60_000);
  const job = engine.get(jobId)!;
  if (job.status === 'completed') return 'completed';
  messages.push(`${job.error?.code}: ${job.error?.message}`);
  return job.error?.code ?? 'UNKNOWN';
}

/**
 * One round on a fresh data dir inside `mount`: `scenes` scenes of 1 s; after scene
 * `fillAfterScene` is done the disk is filled (leaving `leaveBytes`), the first attempt ends,
 * the filler is removed and the job resumed until it ends.
 */
export async function diskFullRound(
  mount: string,
  options: { scenes: number; fillAfterScene: number; leaveBytes: number },
): Promise<DiskFullRound> {
  const dataDir = join(mount, `round-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  mkdirSync(dataDir);
  const filler = join(mount, 'filler.bin');
  const engine = await startPipelineEngine(dataDir, { maxParallelScenes: 1, autoResumeInterrupted: false });
  const messages: string[] = [];
  try {
    const job = await engine.create(RenderSpecSchema.parse(tinySpec(options.scenes)));
    let over = false;
    const ended = settle(engine, job.jobId, messages).finally(() => (over = true));
    // Progress events are coalesced, so the finished clips on disk say how far the render is.
    const clipsDir = join(dataDir, 'temp', job.jobId, 'clips');
    const finishedClips = () =>
      existsSync(clipsDir) ? readdirSync(clipsDir).filter((n) => /^scene-\d+\.mp4$/.test(n)).length : 0;
    await waitUntil('the first clips', () => over || finishedClips() >= options.fillAfterScene, 60_000);
    if (!over) fillUntilFull(filler, options.leaveBytes);
    const firstEnd = await ended;
    rmSync(filler, { force: true });
    let finalEnd = firstEnd;
    // A failure may need more than one resume (the first may fail on what the full disk left).
    for (let attempt = 0; finalEnd !== 'completed' && attempt < 3 && engine.get(job.jobId)?.canResume; attempt++) {
      await engine.resume(job.jobId);
      finalEnd = await settle(engine, job.jobId, messages);
    }
    const log = readFileSync(join(dataDir, 'jobs', job.jobId, 'job.log'), 'utf8');
    const trailerCase = /Error writing trailer|finished clip is not usable|OUTPUT_INCOMPLETE/.test(
      log + messages.join('\n'),
    );
    let durationSec: number | undefined;
    const output = engine.artifactPath(job.jobId, 'tiny.mp4');
    if (finalEnd === 'completed' && output) durationSec = videoDurationSec(output);
    return { firstEnd, finalEnd, durationSec, expectedSec: options.scenes, trailerCase, messages };
  } finally {
    rmSync(filler, { force: true });
    await engine.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
