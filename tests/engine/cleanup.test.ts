import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../src-main/engine/engine.js';
import { useEngineFixture } from '../helpers/engine-fixture.js';
import { testSpec, testSteps } from '../helpers/test-steps.js';
import { waitForEvent, waitForStatus } from '../helpers/wait.js';

const fx = useEngineFixture();
let engine: Engine;

/** Makes a folder and everything directly in it look `hours` old. */
function age(dir: string, hours: number): void {
  const when = new Date(Date.now() - hours * 3_600_000);
  for (const name of fs.readdirSync(dir)) fs.utimesSync(path.join(dir, name), when, when);
  fs.utimesSync(dir, when, when);
}

function fakeDir(root: string, name: string, bytes = 100): string {
  const dir = path.join(root, name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'data.bin'), Buffer.alloc(bytes));
  return dir;
}

beforeEach(async () => {
  engine = await fx.open({ steps: testSteps({ units: 3, unitMs: 30 }) });
});

describe('CleanupService', () => {
  it('sweeps old orphaned temp and proxy folders and keeps recent ones', async () => {
    const { tempRoot, proxyRoot } = engine.layout;
    age(fakeDir(tempRoot, 'orphan-old'), 30);
    fakeDir(tempRoot, 'orphan-new');
    age(fakeDir(proxyRoot, 'proxy-old'), 50);
    age(fakeDir(proxyRoot, 'proxy-mid'), 30);
    expect(await engine.cleanup.sweepOrphanedTemp(24)).toBe(1);
    expect(await engine.cleanup.sweepOrphanedProxies(48)).toBe(1);
    expect(fs.readdirSync(tempRoot)).toEqual(['orphan-new']);
    expect(fs.readdirSync(proxyRoot)).toEqual(['proxy-mid']);
  });

  it('never touches a pending, running or paused job, however old its files look', async () => {
    engine.pauseQueue();
    const pending = await engine.create(testSpec('pending'));
    age(fakeDir(engine.layout.tempRoot, pending.jobId), 100);
    engine.resumeQueue();
    await waitForStatus(engine, pending.jobId, 'running');
    await engine.pause(pending.jobId);
    age(engine.layout.tempDir(pending.jobId), 100);
    const result = await engine.sweep();
    expect(result.tempRemoved).toBe(0);
    expect(fs.existsSync(engine.layout.tempDir(pending.jobId))).toBe(true);
  });

  it('makes a failed job unresumable on disk once its temp is swept', async () => {
    await engine.close();
    engine = await fx.open({ steps: testSteps({ failStep: 'work' }) });
    const job = await engine.create(testSpec());
    await waitForStatus(engine, job.jobId, 'failed');
    expect(engine.get(job.jobId)!.canResume).toBe(true);
    age(engine.layout.tempDir(job.jobId), 25);
    const changed = waitForEvent(engine, (e) => e.type === 'job-status' && e.jobId === job.jobId && !e.data.canResume);
    expect((await engine.sweep()).tempRemoved).toBe(1);
    await changed;
    const onDisk = JSON.parse(fs.readFileSync(engine.layout.jobFile(job.jobId), 'utf8'));
    expect(onDisk.canResume).toBe(false);
    await expect(engine.resume(job.jobId)).rejects.toMatchObject({ code: 'JOB_NOT_RESUMABLE' });
  });

  it('counts storage by area', async () => {
    fakeDir(engine.layout.tempRoot, 't1', 1000);
    fakeDir(engine.layout.proxyRoot, 'p1', 300);
    const job = await engine.create(testSpec());
    await waitForStatus(engine, job.jobId, 'completed');
    const stats = await engine.storageStats();
    expect(stats.temp).toEqual({ dirs: 1, bytes: 1000 });
    expect(stats.proxy.dirs).toBeGreaterThanOrEqual(1);
    expect(stats.proxy.bytes).toBeGreaterThanOrEqual(300);
    expect(stats.artifacts.jobs).toBe(1);
    expect(stats.artifacts.bytes).toBe(
      fs.statSync(path.join(engine.layout.artifactsDir(job.jobId), 'output.txt')).size,
    );
  });

  it('cleanupJob removes the job folder, temp and proxy', async () => {
    const job = await engine.create(testSpec());
    await waitForStatus(engine, job.jobId, 'completed');
    fakeDir(engine.layout.proxyRoot, job.jobId);
    await engine.cleanup.cleanupJob(job.jobId);
    for (const dir of [
      engine.layout.jobDir(job.jobId),
      engine.layout.tempDir(job.jobId),
      engine.layout.proxyDir(job.jobId),
    ]) {
      expect(fs.existsSync(dir)).toBe(false);
    }
  });
});

describe('cleanup timer', () => {
  it('starts with the engine, sweeps on schedule, restarts on settings change and stops on close', async () => {
    expect(engine.cleanupTimer.running).toBe(true);
    age(fakeDir(engine.layout.tempRoot, 'stale'), 48);
    await engine.updateSettings({ cleanupInitialDelayMinutes: 0 });
    const gone = new Promise<void>((resolve, reject) => {
      const watcher = fs.watch(engine.layout.tempRoot, () => {
        if (!fs.existsSync(path.join(engine.layout.tempRoot, 'stale'))) {
          watcher.close();
          resolve();
        }
      });
      setTimeout(() => reject(new Error('the timer never swept')), 5000);
    });
    await gone;
    await engine.close();
    expect(engine.cleanupTimer.running).toBe(false);
  });
});
