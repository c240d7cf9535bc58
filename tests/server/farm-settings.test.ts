/**
 * The farm settings over HTTP (joined at the next start, from the Machine view): PUT checks the
 * pair, the URL and the shared folder as this machine sees it before saving anything; no answer
 * carries the Redis password; GET /api/farm says which farm the engine runs on now, and whether
 * its Redis answers (a real redis-server, killed and restarted).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FarmStatusSchema, maskRedisUrl, redisUrlProblem, unmaskRedisUrl } from '../../src-shared/farm.js';
import { ProblemSchema } from '../../src-shared/problem.js';
import { SettingsSchema } from '../../src-shared/settings.js';
import { FarmKeys } from '../../src-main/farm/farm-keys.js';
import { parseFarmUrl } from '../../src-main/farm/farm-url.js';
import { startRedis, type TestRedis } from '../helpers/redis-server.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { testSteps } from '../helpers/test-steps.js';
import { waitUntil } from '../helpers/wait.js';
import { postJson, startTestHost, type TestHost } from './harness.js';

const SECRET = 'a long secret';
const URL_WITH_SECRET = `redis://:${encodeURIComponent(SECRET)}@studio-redis:6379/0`;

async function put(t: TestHost, body: Record<string, unknown>) {
  const res = await postJson(t, '/api/settings', body, 'PUT');
  const text = await res.text();
  expect(text).not.toContain(encodeURIComponent(SECRET));
  return { status: res.status, json: JSON.parse(text) as unknown };
}

function onDisk(t: TestHost) {
  return SettingsSchema.parse(JSON.parse(fs.readFileSync(path.join(t.dataDir, 'settings.json'), 'utf8')));
}

function fieldErrors(json: unknown) {
  const problem = ProblemSchema.parse(json);
  expect(problem.code).toBe('VALIDATION_FAILED');
  return Object.fromEntries((problem.errors ?? []).map((e) => [e.path, e.message]));
}

describe('the farm URL helpers', () => {
  it('masks a password, also in text that does not parse', () => {
    expect(maskRedisUrl('redis://:pw@h:6379/0')).toBe('redis://:***@h:6379/0');
    expect(maskRedisUrl('rediss://user:pw@h')).toBe('rediss://user:***@h');
    expect(maskRedisUrl('redis://h:6379')).toBe('redis://h:6379');
    expect(maskRedisUrl('redis://:p w@h')).not.toContain('p w');
  });

  it('names what is wrong with a URL', () => {
    expect(redisUrlProblem('redis://h:6379/0')).toBeNull();
    expect(redisUrlProblem('rediss://u:p@[::1]:7000')).toBeNull();
    expect(redisUrlProblem('http://h')).toMatch(/redis:\/\/ or rediss:\/\//);
    expect(redisUrlProblem('redis://h/abc')).toMatch(/database/);
    expect(redisUrlProblem('redis:///0')).toMatch(/name or address/);
    expect(redisUrlProblem('studio-redis:6379')).toMatch(/redis:\/\/ or rediss:\/\//);
    expect(redisUrlProblem('nonsense')).toMatch(/Type a URL/);
  });

  it('keeps a saved password for the same address only', () => {
    expect(unmaskRedisUrl('redis://:***@h:6379', 'redis://:pw@h:6379')).toBe('redis://:pw@h:6379');
    expect(unmaskRedisUrl('redis://:***@other:6379', 'redis://:pw@h:6379')).toBeNull();
    expect(unmaskRedisUrl('redis://:new@h:6379', 'redis://:pw@h:6379')).toBe('redis://:new@h:6379');
    expect(unmaskRedisUrl('redis://:***@h:6379', null)).toBe('redis://:***@h:6379');
  });
});

describe('PUT /api/settings with the farm pair', () => {
  let t: TestHost;
  let shared: ReturnType<typeof makeTempDir>;
  beforeAll(async () => {
    t = await startTestHost({ steps: testSteps() });
    shared = makeTempDir('aura-shared-');
  });
  afterAll(async () => {
    await t.cleanup();
    shared.cleanup();
  });

  it('saves a full pair for the next start; no answer shows the password, settings.json keeps it', async () => {
    const saved = await put(t, { farmRedisUrl: URL_WITH_SECRET, farmSharedDir: shared.dir });
    expect(saved.status).toBe(200);
    expect(SettingsSchema.parse(saved.json)).toMatchObject({
      farmRedisUrl: 'redis://:***@studio-redis:6379/0',
      farmSharedDir: shared.dir,
    });
    expect(onDisk(t).farmRedisUrl).toBe(URL_WITH_SECRET);
    const got = await t.api('/api/settings');
    const text = await got.text();
    expect(text).not.toContain(encodeURIComponent(SECRET));
    expect(SettingsSchema.parse(JSON.parse(text)).farmRedisUrl).toBe('redis://:***@studio-redis:6379/0');
    // The running engine is not on a farm: that changes at the next start.
    expect(FarmStatusSchema.parse(await t.json('/api/farm'))).toEqual({ farm: null });
  });

  it('a masked URL sent back keeps the saved password; for another address it must be typed again', async () => {
    const same = await put(t, { farmRedisUrl: 'redis://:***@studio-redis:6379/0', farmSharedDir: shared.dir });
    expect(same.status).toBe(200);
    expect(onDisk(t).farmRedisUrl).toBe(URL_WITH_SECRET);

    const moved = await put(t, { farmRedisUrl: 'redis://:***@attacker.example:6379/0' });
    expect(moved.status).toBe(400);
    expect(fieldErrors(moved.json).farmRedisUrl).toMatch(/type the password/);
    expect(onDisk(t).farmRedisUrl).toBe(URL_WITH_SECRET);
  });

  it('refuses a half-filled pair, naming the missing field, and saves nothing', async () => {
    const before = onDisk(t);
    const noDir = await put(t, { farmSharedDir: null });
    expect(noDir.status).toBe(400);
    expect(Object.keys(fieldErrors(noDir.json))).toEqual(['farmSharedDir']);
    const noUrl = await put(t, { farmRedisUrl: null });
    expect(noUrl.status).toBe(400);
    expect(Object.keys(fieldErrors(noUrl.json))).toEqual(['farmRedisUrl']);
    expect(onDisk(t)).toEqual(before);
  });

  it('refuses a URL that is not a farm address, on its field', async () => {
    for (const [url, message] of [
      ['http://studio-redis:6379', /redis:\/\/ or rediss:\/\//],
      ['redis:///0', /name or address/],
      ['redis://studio-redis/zero', /database/],
    ] as const) {
      const bad = await put(t, { farmRedisUrl: url, farmSharedDir: shared.dir });
      expect(bad.status, url).toBe(400);
      expect(fieldErrors(bad.json).farmRedisUrl, url).toMatch(message);
    }
    expect(onDisk(t).farmRedisUrl).toBe(URL_WITH_SECRET);
  });

  it('refuses a shared folder this machine cannot use: relative, missing, a file', async () => {
    const file = path.join(shared.dir, 'a-file');
    fs.writeFileSync(file, 'x');
    for (const [dir, message] of [
      ['relative/folder', /full path/],
      [path.join(shared.dir, 'missing'), /does not exist/],
      [file, /not a folder/],
    ] as const) {
      const bad = await put(t, { farmRedisUrl: 'redis://:***@studio-redis:6379/0', farmSharedDir: dir });
      expect(bad.status, dir).toBe(400);
      expect(fieldErrors(bad.json).farmSharedDir, dir).toMatch(message);
    }
    expect(fs.readdirSync(shared.dir).filter((f) => f.startsWith('.aura-probe'))).toEqual([]);
    expect(onDisk(t).farmSharedDir).toBe(shared.dir);
  });

  it('other settings save as before, even beside a half pair written by hand', async () => {
    const bad = { ...onDisk(t), farmSharedDir: null };
    fs.writeFileSync(path.join(t.dataDir, 'settings.json'), JSON.stringify(bad));
    expect((await put(t, { ssePingSeconds: 9 })).status).toBe(200);
  });

  it('a PUT of other settings is a patch: the farm pair (and the rest) stay as saved', async () => {
    const before = onDisk(t);
    const saved = await put(t, { concurrency: 3 });
    expect(saved.status).toBe(200);
    expect(onDisk(t)).toEqual({ ...before, concurrency: 3 });
  });

  it('"Leave the farm": both back to null', async () => {
    const left = await put(t, { farmRedisUrl: null, farmSharedDir: null });
    expect(left.status).toBe(200);
    expect(SettingsSchema.parse(left.json)).toMatchObject({ farmRedisUrl: null, farmSharedDir: null });
    expect(onDisk(t)).toMatchObject({ farmRedisUrl: null, farmSharedDir: null });
  });
});

describe('GET /api/farm on a farm', () => {
  let redis: TestRedis;
  let shared: ReturnType<typeof makeTempDir>;
  let t: TestHost;
  beforeAll(async () => {
    redis = await startRedis({ password: SECRET });
    shared = makeTempDir('aura-farm-shared-');
    const url = `redis://:${encodeURIComponent(SECRET)}@127.0.0.1:${redis.port}`;
    t = await startTestHost({
      steps: testSteps(),
      farm: { url: parseFarmUrl(url), sharedDir: shared.dir, render: false, keys: new FarmKeys() },
    });
  }, 60_000);
  afterAll(async () => {
    await t?.cleanup();
    await redis?.stop();
    shared?.cleanup();
  });

  it('names the farm with its password masked, and says when its Redis cannot be reached', async () => {
    const res = await t.api('/api/farm');
    const text = await res.text();
    expect(text).not.toContain(encodeURIComponent(SECRET));
    expect(FarmStatusSchema.parse(JSON.parse(text))).toEqual({
      farm: { url: `redis://:***@127.0.0.1:${redis.port}`, sharedDir: shared.dir, renders: false, reachable: true },
    });

    await redis.kill9();
    await waitUntil('the farm to be unreachable', async () => {
      const farm = FarmStatusSchema.parse(await t.json('/api/farm')).farm;
      return farm?.reachable === false;
    });
    const workers = await t.api('/api/workers');
    expect(workers.status).toBe(503);
    expect(ProblemSchema.parse(await workers.json()).code).toBe('FARM_UNAVAILABLE');

    await redis.restart();
    await waitUntil(
      'the farm to be back',
      async () => FarmStatusSchema.parse(await t.json('/api/farm')).farm?.reachable === true,
      20_000,
    );
    expect((await t.api('/api/workers')).status).toBe(200);
  }, 60_000);
});
