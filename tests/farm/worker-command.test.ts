import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { parseWorkerArgs, workerReadyLine } from '../../src-main/cli/worker-command.js';
import { createFarmEngine, type FarmEngine } from '../../src-main/farm/farm-engine.js';
import { parseFarmUrl } from '../../src-main/farm/farm-url.js';
import { startRedis, type TestRedis } from '../helpers/redis-server.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { testSpec, testSteps } from '../helpers/test-steps.js';
import { waitForEvent, waitForStatus } from '../helpers/wait.js';
import { aura, startWorker } from './farm-harness.js';

describe('parseFarmUrl / parseWorkerArgs', () => {
  it.each([
    ['redis://127.0.0.1:6380', { host: '127.0.0.1', port: 6380, db: 0 }, 'redis://127.0.0.1:6380'],
    [
      'redis://:s3cret@farm.local:6379/2',
      { host: 'farm.local', port: 6379, db: 2, password: 's3cret' },
      'redis://:***@farm.local:6379/2',
    ],
    [
      'rediss://user:p%40ss@farm.local',
      { host: 'farm.local', port: 6379, db: 0, username: 'user', password: 'p@ss' },
      'rediss://user:***@farm.local',
    ],
  ])('%s', (text, options, display) => {
    const url = parseFarmUrl(text);
    expect(url.options).toMatchObject(options);
    expect(url.display).toBe(display);
    expect(url.display).not.toContain('s3cret');
    if (text.startsWith('rediss')) expect(url.options.tls).toEqual({ servername: 'farm.local' });
  });

  it.each(['localhost:6379', 'http://x:1', 'redis://x:1/abc', 'redis://'])('refuses %s with one sentence', (text) => {
    expect(() => parseFarmUrl(text)).toThrow(/^--farm|^The database/);
  });

  it('needs both flags and a sane concurrency', () => {
    expect(parseWorkerArgs(['--farm', 'redis://h:1', '--shared-dir', '/s', '--concurrency', '3'])).toMatchObject({
      concurrency: 3,
      name: undefined,
    });
    expect(() => parseWorkerArgs(['--farm', 'redis://h:1'])).toThrow('--shared-dir');
    expect(() => parseWorkerArgs(['--shared-dir', '/s'])).toThrow('--farm');
    expect(() => parseWorkerArgs(['--farm', 'redis://h:1', '--shared-dir', '/s', '--concurrency', '0'])).toThrow();
    expect(workerReadyLine('w1', 'redis://h:1')).toBe('Aura worker w1 ready (farm redis://h:1)');
  });
});

describe('aura worker (child process, real Redis with a password)', () => {
  let redis: TestRedis;
  let shared: ReturnType<typeof makeTempDir>;
  let data: ReturnType<typeof makeTempDir>;
  let engine: FarmEngine;
  let url: string;
  beforeAll(async () => {
    redis = await startRedis({ password: 'farm-secret' });
    url = `redis://:farm-secret@127.0.0.1:${redis.port}`;
    shared = makeTempDir('aura-farm-shared-');
    data = makeTempDir('aura-farm-coord-');
    engine = await createFarmEngine({
      dataDir: data.dir,
      url: parseFarmUrl(url),
      sharedDir: shared.dir,
      steps: testSteps(),
      render: false,
    });
  }, 30_000);
  afterAll(async () => {
    await engine?.close();
    await redis?.stop();
    shared?.cleanup();
    data?.cleanup();
  });

  it('refuses a missing or unwritable shared folder with one sentence', async () => {
    const missing = await aura(['worker', '--farm', url, '--shared-dir', path.join(shared.dir, 'nope')]);
    expect(missing.exitCode).toBe(1);
    expect(missing.all.trim().split('\n')).toEqual([
      `aura worker: The shared folder ${path.join(shared.dir, 'nope')} does not exist; mount it (or create it) on this machine first.`,
    ]);
    const file = path.join(shared.dir, 'a-file');
    fs.writeFileSync(file, 'x');
    const notDir = await aura(['worker', '--farm', url, '--shared-dir', file]);
    expect(notDir.exitCode).toBe(1);
    expect(notDir.all).toContain('is not a folder');
    const usage = await aura(['worker', '--farm', 'localhost:6379', '--shared-dir', shared.dir]);
    expect(usage.exitCode).toBe(2);
    expect(usage.all.trim()).toMatch(/^aura worker: --farm must/);
  }, 60_000);

  it('prints its ready line without the password; SIGTERM puts its running job back in the queue and exits 0', async () => {
    const { child, readyLine } = await startWorker(url, shared.dir, 'term', { testSteps: true });
    onTestFinished(() => void child.kill('SIGKILL'));
    expect(readyLine).toBe(`Aura worker term ready (farm redis://:***@127.0.0.1:${redis.port})`);
    const job = await engine.create(testSpec('slow term'));
    // One unit done (and checkpointed) before the worker is told to stop.
    await waitForEvent(engine, (e) => e.jobId === job.jobId && e.type === 'step-progress', 20_000);
    child.kill('SIGTERM');
    const result = await child;
    expect(result.exitCode).toBe(0);
    expect(result.all).not.toContain('farm-secret');
    await waitForStatus(engine, job.jobId, 'pending', 10_000);
    expect(engine.get(job.jobId)!.steps.map((s) => s.status)).not.toContain('running');
    expect(fs.existsSync(path.join(shared.dir, 'temp', job.jobId, 'checkpoints.jsonl'))).toBe(true);
    // Another worker takes it and finishes it.
    const { child: next } = await startWorker(url, shared.dir, 'next', { testSteps: true });
    onTestFinished(() => void next.kill('SIGKILL'));
    await waitForStatus(engine, job.jobId, 'completed', 30_000);
    const log = fs.readFileSync(engine.logPath(job.jobId)!, 'utf8');
    expect(log).toMatch(/Rendering on term \(attempt 1\)[\s\S]*Rendering on next \(attempt 2\)/);
    next.kill('SIGTERM');
    expect((await next).exitCode).toBe(0);
  }, 90_000);
});
