import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src-main/engine/engine.js';
import { useEngineFixture } from '../helpers/engine-fixture.js';
import { testSpec, testSteps } from '../helpers/test-steps.js';
import { waitForStatus } from '../helpers/wait.js';

const fx = useEngineFixture();
let engine: Engine | undefined;

async function seedJobs(count: number): Promise<string[]> {
  const seed = await fx.open({ steps: testSteps() });
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const job = await seed.create(testSpec(`seed ${i}`));
    await waitForStatus(seed, job.jobId, 'completed');
    ids.push(job.jobId);
  }
  await seed.close();
  return ids;
}

describe('corrupt and half-written files', () => {
  it('reports a corrupt or missing job.json that cannot be rebuilt as a damaged job and keeps the rest working', async () => {
    const [a, b, c] = await seedJobs(3);
    fs.writeFileSync(path.join(fx.dir, 'jobs', a!, 'job.json'), '{"schemaVersion":1,"jobId":"');
    fs.rmSync(path.join(fx.dir, 'jobs', b!, 'job.json'));
    // Without its origin (a job from before spec.json existed) nothing can rebuild it.
    for (const id of [a!, b!]) fs.rmSync(path.join(fx.dir, 'jobs', id, 'spec.json'));
    engine = await fx.open({ steps: testSteps() });
    expect(engine.get(a!)).toMatchObject({ status: 'failed', canResume: false, error: { code: 'JOB_DAMAGED' } });
    expect(engine.get(b!)!.error!.message).toMatch(/missing/);
    expect(engine.get(c!)!.status).toBe('completed');
    expect(engine.stats().total).toBe(3);
    const fresh = await engine.create(testSpec('after damage'));
    await waitForStatus(engine, fresh.jobId, 'completed');
    await engine.delete(a!);
    expect(fs.existsSync(path.join(fx.dir, 'jobs', a!))).toBe(false);
  });

  it('rebuilds a job.json of the wrong shape, keeping the bad file aside', async () => {
    const [a] = await seedJobs(1);
    const file = path.join(fx.dir, 'jobs', a!, 'job.json');
    fs.writeFileSync(file, JSON.stringify({ schemaVersion: 1, jobId: a, status: 'exploded' }));
    engine = await fx.open({ steps: testSteps() });
    expect(engine.get(a!)).toMatchObject({ status: 'completed', error: null });
    expect(engine.get(a!)!.warnings.at(-1)!.message).toMatch(/could not be read \(invalid .*rebuilt/);
    await engine.close();
    const kept = fs.readdirSync(path.dirname(file)).find((n) => n.startsWith('job.json.corrupt-'))!;
    expect(JSON.parse(fs.readFileSync(path.join(path.dirname(file), kept), 'utf8')).status).toBe('exploded');
  });

  it('drops a torn last line of events.jsonl and continues the seq after the last good event', async () => {
    const seed = await fx.open({ steps: testSteps() });
    seed.pauseQueue();
    const job = await seed.create(testSpec());
    await seed.close();
    const events = path.join(fx.dir, 'jobs', job.jobId, 'events.jsonl');
    fs.appendFileSync(events, '{"seq":2,"ts":1,"jobId":"x","type":"job-st');
    engine = await fx.open({ steps: testSteps() });
    await waitForStatus(engine, job.jobId, 'completed');
    const logged = await engine.readEvents(job.jobId, 0);
    expect(logged.map((e) => e.seq)).toEqual(logged.map((_, i) => i + 1));
    expect(fs.readFileSync(events, 'utf8')).not.toContain('job-st\n');
  });

  it('starts with default settings when settings.json is corrupt, and says why', async () => {
    fs.mkdirSync(fx.dir, { recursive: true });
    fs.writeFileSync(path.join(fx.dir, 'settings.json'), '{ nope');
    engine = await fx.open({ steps: testSteps() });
    expect(engine.settings().concurrency).toBe(1);
    await expect(engine.updateSettings({ concurrency: 0 })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const saved = await engine.updateSettings({ concurrency: 3 });
    expect(saved.concurrency).toBe(3);
    expect(JSON.parse(fs.readFileSync(path.join(fx.dir, 'settings.json'), 'utf8')).concurrency).toBe(3);
  });

  it('ignores a corrupt checkpoint file: the work is simply redone', async () => {
    const runs = new Map<string, number>();
    engine = await fx.open({ steps: testSteps({ units: 3, unitMs: 30, runs }) });
    const job = await engine.create(testSpec());
    await waitForStatus(engine, job.jobId, 'running');
    await new Promise<void>((resolve) => {
      const off = engine!.subscribe((e) => {
        if (e.type === 'step-status' && e.data.step === 'prepare' && e.data.status === 'succeeded') {
          off();
          resolve();
        }
      });
    });
    await engine.pause(job.jobId);
    fs.writeFileSync(path.join(engine.layout.tempDir(job.jobId), 'checkpoints.jsonl'), 'garbage');
    await engine.resume(job.jobId);
    await waitForStatus(engine, job.jobId, 'completed');
    expect(runs.get(`${job.jobId}/prepare/0`)).toBe(2);
  });
});

describe('data folder lock', () => {
  it('takes over a lock left with our own pid by an earlier life (pid reuse), but refuses a second engine in this process', async () => {
    fs.mkdirSync(fx.dir, { recursive: true });
    fs.writeFileSync(path.join(fx.dir, 'engine.lock'), JSON.stringify({ pid: process.pid }));
    engine = await fx.open({ steps: testSteps() });
    await expect(fx.open({ steps: testSteps() })).rejects.toThrow(/already runs an engine/);
  });
});
