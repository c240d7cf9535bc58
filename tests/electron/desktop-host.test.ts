import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startDesktopHost } from '../../src-main/electron/desktop-host.js';
import type { Host } from '../../src-main/host.js';
import { freePort } from '../helpers/redis-server.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { testSpec } from '../helpers/test-steps.js';

const temps: Array<() => void> = [];
let host: Host | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
  temps.splice(0).forEach((c) => c());
});

/** A data folder whose settings name a farm on a port where nothing listens. */
async function dataDirOnSilentFarm(): Promise<string> {
  const data = makeTempDir('aura-desktop-host-');
  const shared = makeTempDir('aura-desktop-shared-');
  temps.push(data.cleanup, shared.cleanup);
  const settings = { farmRedisUrl: `redis://127.0.0.1:${await freePort()}`, farmSharedDir: shared.dir };
  fs.writeFileSync(path.join(data.dir, 'settings.json'), JSON.stringify(settings));
  return data.dir;
}

describe('the desktop app starting on a saved farm it cannot join', () => {
  it('asks, and starts this machine alone when told to, keeping the farm saved', async () => {
    const dataDir = await dataDirOnSilentFarm();
    const asked: string[] = [];
    host = await startDesktopHost({ dataDir, connectTimeoutMs: 300, startAlone: (why) => asked.push(why) > 0 });
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatch(/Redis|farm/i);
    // Alone: the embedded engine renders, and the Machine view still sees the saved farm to leave.
    host.engine.pauseQueue();
    const job = await host.engine.create(testSpec('Alone'));
    expect(host.engine.get(job.jobId)?.machine).toBeNull();
    expect(host.engine.settings().farmRedisUrl).toMatch(/^redis:\/\/127\.0\.0\.1:/);
  });

  it('gives up with the farm’s own reason when told not to start alone', async () => {
    const dataDir = await dataDirOnSilentFarm();
    await expect(startDesktopHost({ dataDir, connectTimeoutMs: 300, startAlone: () => false })).rejects.toThrow(
      /Redis|farm/i,
    );
  });

  it('asks nothing when no farm is saved', async () => {
    const data = makeTempDir('aura-desktop-alone-');
    temps.push(data.cleanup);
    host = await startDesktopHost({ dataDir: data.dir, startAlone: () => expect.fail('asked') });
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });
});
