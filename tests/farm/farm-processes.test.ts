import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RenderSpecSchema } from '../../src-shared/spec.js';
import type { EngineEvent } from '../../src-main/engine/engine-api.js';
import { createPipelineSteps } from '../../src-main/pipeline/index.js';
import { createFarmEngine, type FarmEngine } from '../../src-main/farm/farm-engine.js';
import { FarmKeys } from '../../src-main/farm/farm-keys.js';
import { parseFarmUrl } from '../../src-main/farm/farm-url.js';
import { probeMedia, processesMentioning, tinySpec } from '../pipeline/helpers/pipeline-engine.js';
import { startRedis, type TestRedis } from '../helpers/redis-server.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { waitForEvent, waitForStatus, waitUntil } from '../helpers/wait.js';
import { startWorker, type Child } from './farm-harness.js';

/**
 * A coordinator (this test process, not rendering) and two `aura worker` processes with the real
 * pipeline on one shared folder and one real redis-server.
 */
let redis: TestRedis;
let shared: ReturnType<typeof makeTempDir>;
let data: ReturnType<typeof makeTempDir>;
let engine: FarmEngine;
const workers = new Map<string, Child>();

beforeAll(async () => {
  redis = await startRedis({ appendfsync: 'always' });
  shared = makeTempDir('aura-farm-shared-');
  data = makeTempDir('aura-farm-coord-');
  engine = await createFarmEngine({
    dataDir: data.dir,
    url: parseFarmUrl(redis.url),
    sharedDir: shared.dir,
    steps: createPipelineSteps,
    render: false,
    keys: new FarmKeys(),
    // A dead worker's job moves on within ~3 s; the tests' workers read this from Redis.
    settings: { farmLockSeconds: 2, farmStalledCheckSeconds: 1, cleanupInitialDelayMinutes: 600 },
  });
  for (const name of ['wa', 'wb']) workers.set(name, (await startWorker(redis.url, shared.dir, name)).child);
}, 90_000);

afterAll(async () => {
  for (const child of workers.values()) child.kill('SIGKILL');
  await engine?.close();
  await redis?.stop();
  shared?.cleanup();
  data?.cleanup();
});

afterEach(() => {
  expect(processesMentioning(path.join(shared.dir, 'temp'))).toEqual([]);
});

const create = async (scenes: number, title: string) =>
  (await engine.create(RenderSpecSchema.parse({ ...tinySpec(scenes), title }))).jobId;
const tempOf = (jobId: string) => path.join(shared.dir, 'temp', jobId);
const ownerOf = async (jobId: string) => (await engine.workers()).find((w) => w.running.includes(jobId))?.name;
const visualsAt = (jobId: string, minPct: number) => (e: EngineEvent) =>
  e.jobId === jobId &&
  e.type === 'step-progress' &&
  e.data.step === 'visuals' &&
  e.data.progressPct >= minPct &&
  e.data.progressPct < 70;

/**
 * Clips of a job that its checkpoints vouch for, on the shared folder, with their identity (inode
 * and mtime). A clip renamed into place but not yet checkpointed when its worker died is rightly redone.
 */
function finishedClips(jobId: string): Map<string, string> {
  const clips = new Map<string, string>();
  const file = path.join(tempOf(jobId), 'checkpoints.jsonl');
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  for (const line of text.split('\n').filter(Boolean)) {
    for (const output of (JSON.parse(line) as { outputs: string[] }).outputs) {
      if (!/clips\/scene-\d+\.mp4$/.test(output) || !fs.existsSync(output)) continue;
      const s = fs.statSync(output);
      clips.set(path.basename(output), `${s.ino}:${s.mtimeMs}`);
    }
  }
  return clips;
}

describe('a render farm of two worker processes (real Redis, real ffmpeg)', () => {
  it('spreads jobs over both workers; kill -9 of one mid-render: the other finishes it, reusing its finished scenes', async () => {
    // The machine each attempt's start names, as the coordinator heard it.
    const startedOn = new Map<string, Array<string | null>>();
    const offStarts = engine.subscribe((e) => {
      if (e.type === 'job-status' && e.data.status === 'running' && e.jobId)
        startedOn.set(e.jobId, [...(startedOn.get(e.jobId) ?? []), e.data.job.machine]);
    });
    const a = await create(8, 'farm a');
    const b = await create(8, 'farm b');
    await waitUntil('both jobs running', async () => Boolean((await ownerOf(a)) && (await ownerOf(b))), 60_000);
    const owners = new Set([await ownerOf(a), await ownerOf(b)]);
    expect(owners).toEqual(new Set(['wa', 'wb']));
    // The API's job, its start event and /api/workers name the same machine.
    for (const id of [a, b]) {
      await waitForStatus(engine, id, 'running', 10_000); // a worker lists a job just before its start is written
      expect(engine.get(id)!.machine).toBe(await ownerOf(id));
      expect(engine.list().find((j) => j.jobId === id)!.machine).toBe(await ownerOf(id));
      expect(startedOn.get(id)).toEqual([await ownerOf(id)]);
    }

    // Kill a's worker once a's visuals have finished some scenes but not all.
    await waitForEvent(engine, visualsAt(a, 25), 60_000);
    await waitUntil('two finished scenes', () => finishedClips(a).size >= 2, 30_000);
    const victim = (await ownerOf(a))!;
    const before = finishedClips(a);
    workers.get(victim)!.kill('SIGKILL');
    await workers.get(victim)!;
    workers.delete(victim);

    let atRender: Map<string, string> | undefined;
    const off = engine.subscribe((e) => {
      if (e.jobId === a && e.type === 'step-status' && e.data.step === 'render' && e.data.status === 'running')
        atRender = finishedClips(a);
    });
    await waitForStatus(engine, a, 'completed', 90_000);
    await waitForStatus(engine, b, 'completed', 90_000);
    off();
    offStarts();
    const survivor = [...workers.keys()][0]!;
    const job = engine.get(a)!;
    expect(job.warnings.map((w) => w.code)).toContain('INTERRUPTED');
    expect(job.attempts).toBe(2);
    // The latest attempt's machine: the survivor took a over.
    expect(job.machine).toBe(survivor);
    expect(startedOn.get(a)).toEqual([victim, survivor]);
    for (const [name, identity] of before) expect(atRender?.get(name), name).toBe(identity);
    const output = engine.artifactPath(a, job.artifacts.find((x) => x.name.endsWith('.mp4'))!.name)!;
    expect((await probeMedia(output)).durationSec).toBeGreaterThan(7.5);
    const log = fs.readFileSync(engine.logPath(a)!, 'utf8');
    expect(log).toContain(`Rendering on ${victim} (attempt 1).`);
    expect(log).toContain(`Rendering on ${survivor} (attempt 2).`);
    // A new worker joins for the next tests.
    workers.set('wc', (await startWorker(redis.url, shared.dir, 'wc')).child);
  }, 180_000);

  it('cancels and pauses jobs running on another machine: no process or temp file left, resume finishes', async () => {
    const c = await create(16, 'farm cancel');
    await waitForEvent(engine, visualsAt(c, 10), 60_000);
    await waitUntil('its worker listed', async () => Boolean(await ownerOf(c)), 10_000);
    const started = Date.now();
    expect((await engine.cancel(c)).status).toBe('canceled');
    expect(Date.now() - started).toBeLessThan(3000);
    await waitUntil(
      'no trace of c',
      () => !fs.existsSync(tempOf(c)) && processesMentioning(tempOf(c)).length === 0,
      10_000,
    );
    expect(fs.existsSync(path.join(shared.dir, 'proxy', c))).toBe(false);

    // Queued only now, so its visuals are surely ahead of us when we wait for them.
    const p = await create(16, 'farm pause');
    await waitForEvent(engine, visualsAt(p, 10), 60_000);
    expect((await engine.pause(p)).status).toBe('paused');
    expect(processesMentioning(tempOf(p))).toEqual([]);
    const kept = finishedClips(p);
    expect(kept.size).toBeGreaterThan(0);
    await engine.resume(p);
    await waitForStatus(engine, p, 'completed', 120_000);
    expect(engine.get(p)!.status).toBe('completed');
  }, 240_000);
});
