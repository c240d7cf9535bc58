import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src-main/engine/engine-api.js';
import type { JobEvent } from '../../src-shared/events.js';
import { RenderSpecSchema } from '../../src-shared/spec.js';
import { waitForEvent, waitForStatus, waitUntil } from '../helpers/wait.js';
import { probeMedia, processesMentioning, tinySpec } from './helpers/pipeline-engine.js';
import { usePipelineEngine } from './helpers/pipeline-fixture.js';

const CHILD = join(import.meta.dirname, 'helpers', 'pipeline-child.ts');
/** Enough 1 s scenes, one at a time, that visuals is surely still running when we interrupt it. */
const SCENES = 10;

const fx = usePipelineEngine();

const visualsAt = (jobId: string, minPct: number) => (e: EngineEvent) =>
  e.jobId === jobId &&
  e.type === 'step-progress' &&
  e.data.step === 'visuals' &&
  e.data.progressPct >= minPct &&
  e.data.progressPct < 100;

/** Clips finished so far (the final names exist only for finished scenes), with their identity. */
function finishedClips(tempDir: string): Map<string, string> {
  const dir = join(tempDir, 'clips');
  const clips = new Map<string, string>();
  if (!existsSync(dir)) return clips;
  for (const name of readdirSync(dir).filter((n) => /^scene-\d+\.mp4$/.test(n))) {
    const s = statSync(join(dir, name));
    clips.set(name, `${s.ino}:${s.mtimeMs}`);
  }
  return clips;
}

async function startJob(scenes = SCENES) {
  const engine = await fx.open({ maxParallelScenes: 1 });
  const { jobId } = await engine.create(RenderSpecSchema.parse(tinySpec(scenes)));
  return { jobId, tempDir: join(fx.dir, 'temp', jobId), proxyDir: join(fx.dir, 'proxy', jobId) };
}

describe('interrupting a render', () => {
  it('cancel mid-visuals: canceled quickly, temp and proxy removed, no ffmpeg left', async () => {
    const { jobId, tempDir, proxyDir } = await startJob();
    await waitForEvent(fx.engine, visualsAt(jobId, 10), 20_000);
    await waitUntil('an encoder to be running', () => processesMentioning(tempDir).length > 0, 5_000);
    const started = Date.now();
    await fx.engine.cancel(jobId);
    await waitForStatus(fx.engine, jobId, 'canceled', 5_000);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(processesMentioning(tempDir)).toEqual([]);
    await waitUntil('temp and proxy removed', () => !existsSync(tempDir) && !existsSync(proxyDir), 5_000);
  });

  it('pause then resume completes without re-encoding finished scenes', async () => {
    const { jobId, tempDir } = await startJob();
    await waitForEvent(fx.engine, visualsAt(jobId, 30), 20_000);
    await fx.engine.pause(jobId);
    await waitForStatus(fx.engine, jobId, 'paused', 5_000);
    expect(processesMentioning(tempDir)).toEqual([]);
    const before = finishedClips(tempDir);
    expect(before.size).toBeGreaterThanOrEqual(2);
    expect(before.size).toBeLessThan(SCENES);

    // When the render step starts, every clip exists: the ones finished before the pause must be the same files.
    let atRender: Map<string, string> | undefined;
    const messages: string[] = [];
    const off = fx.engine.subscribe((e) => {
      if (e.jobId === jobId && e.type === 'step-status' && e.data.step === 'render' && e.data.status === 'running') {
        atRender = finishedClips(tempDir);
      }
      if (e.jobId === jobId && e.type === 'step-progress' && e.data.message) messages.push(e.data.message);
    });
    const done = waitForEvent(fx.engine, (e) => e.jobId === jobId && e.type === 'job-completed', 20_000);
    await fx.engine.resume(jobId);
    await done;
    off();
    expect(atRender?.size).toBe(SCENES);
    for (const [name, identity] of before) expect(atRender?.get(name), name).toBe(identity);
    // The resumed attempt says so, with the count it really reused.
    expect(messages).toContain(
      `Scene ${SCENES} of ${SCENES} done (resumed: ${before.size} of ${SCENES} scenes reused)`,
    );
    const media = await probeMedia(fx.engine.artifactPath(jobId, 'tiny.mp4')!);
    expect(media.durationSec).toBeGreaterThan(SCENES - 0.1);
    expect(media.durationSec).toBeLessThan(SCENES + 0.2);
  });

  it('pause while the soundtrack is mixed: stopped at once; resumed, it completes without re-encoding a scene', async () => {
    const { jobId, tempDir } = await startJob();
    await waitForEvent(
      fx.engine,
      (e) => e.jobId === jobId && e.type === 'step-status' && e.data.step === 'render' && e.data.status === 'running',
      30_000,
    );
    // The loudness pass reads the clips' list in temp: it names the job's temp dir.
    await waitUntil('the mix to be running', () => processesMentioning(tempDir).length > 0, 5_000);
    expect(finishedClips(tempDir).size).toBe(SCENES);
    const started = Date.now();
    await fx.engine.pause(jobId);
    await waitForStatus(fx.engine, jobId, 'paused', 5_000);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(processesMentioning(tempDir)).toEqual([]);

    const done = waitForEvent(fx.engine, (e) => e.jobId === jobId && e.type === 'job-completed', 30_000);
    await fx.engine.resume(jobId);
    await done;
    const media = await probeMedia(fx.engine.artifactPath(jobId, 'tiny.mp4')!);
    expect(media.durationSec).toBeGreaterThan(SCENES - 0.1);
    expect(media.durationSec).toBeLessThan(SCENES + 0.2);
    // Each scene was encoded once over both attempts: the resume reused every clip.
    const log = readFileSync(join(fx.dir, 'jobs', jobId, 'job.log'), 'utf8');
    expect(log.match(/DEBUG Visuals: Scene \d+: .* encoded/g)).toHaveLength(SCENES);
  });

  it('engine shutdown mid-visuals leaves no ffmpeg behind', async () => {
    const { jobId, tempDir } = await startJob();
    await waitForEvent(fx.engine, visualsAt(jobId, 10), 20_000);
    await fx.engine.close();
    expect(processesMentioning(tempDir)).toEqual([]);
  });

  it('kill -9 mid-render, then a restarted engine completes the job', async () => {
    const specPath = join(fx.dir, 'spec.json');
    writeFileSync(specPath, JSON.stringify(tinySpec(SCENES)));
    const dataDir = join(fx.dir, 'data');
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, specPath], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    let jobId: string | undefined;
    try {
      for await (const line of createInterface({ input: child.stdout! })) {
        const event = JSON.parse(line) as JobEvent; // the child's engine never pauses its queue
        jobId ??= event.jobId;
        if (visualsAt(event.jobId, 30)(event)) break;
      }
    } finally {
      child.kill('SIGKILL');
    }
    await exited;
    expect(jobId).toBeDefined();

    const tempDir = join(dataDir, 'temp', jobId!);
    const before = finishedClips(tempDir);
    expect(before.size).toBeGreaterThanOrEqual(2);
    // The newest clip may have been renamed into place without its checkpoint recorded yet.
    before.delete(`scene-${before.size}.mp4`);

    const engine = await fx.open({ maxParallelScenes: 1 }, dataDir);
    let atRender: Map<string, string> | undefined;
    engine.subscribe((e) => {
      if (e.jobId === jobId && e.type === 'step-status' && e.data.step === 'render' && e.data.status === 'running') {
        atRender = finishedClips(tempDir);
      }
    });
    const done = waitForEvent(engine, (e) => e.jobId === jobId && e.type === 'job-completed', 30_000);
    if (engine.get(jobId!)?.status !== 'completed') await done;
    // Scenes finished before the crash were kept, not encoded again.
    for (const [name, identity] of before) expect(atRender?.get(name), name).toBe(identity);
    const media = await probeMedia(engine.artifactPath(jobId!, 'tiny.mp4')!);
    expect(media.durationSec).toBeGreaterThan(SCENES - 0.1);
    expect(media.durationSec).toBeLessThan(SCENES + 0.2);
    expect(processesMentioning(tempDir)).toEqual([]);
  });
});
