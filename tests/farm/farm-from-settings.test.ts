import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { farmFromSettings } from '../../src-main/farm/farm-from-settings.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const temps: Array<() => void> = [];
afterEach(() => temps.splice(0).forEach((c) => c()));
function dataDir(settings?: unknown): string {
  const t = makeTempDir('aura-farm-settings-');
  temps.push(t.cleanup);
  if (settings !== undefined) fs.writeFileSync(path.join(t.dir, 'settings.json'), JSON.stringify(settings));
  return t.dir;
}

describe('farmFromSettings (the desktop app joining a farm at start-up)', () => {
  it('runs alone without settings or without farm fields', () => {
    expect(farmFromSettings(dataDir())).toBeUndefined();
    expect(farmFromSettings(dataDir({ concurrency: 2 }))).toBeUndefined();
  });

  it('joins the farm the settings name, with the shared folder checked', () => {
    const shared = makeTempDir('aura-farm-shared-');
    temps.push(shared.cleanup);
    const farm = farmFromSettings(
      dataDir({ farmRedisUrl: 'redis://:pw@studio-redis:6379/1', farmSharedDir: shared.dir }),
    );
    expect(farm?.sharedDir).toBe(shared.dir);
    expect(farm?.url.options).toMatchObject({ host: 'studio-redis', port: 6379, db: 1, password: 'pw' });
    expect(farm?.url.display).toBe('redis://:***@studio-redis:6379/1');
  });

  it('refuses a half-set pair or a missing folder with one sentence', () => {
    expect(() => farmFromSettings(dataDir({ farmRedisUrl: 'redis://h:1' }))).toThrow(
      /both the farm’s Redis URL and its shared folder/,
    );
    expect(() => farmFromSettings(dataDir({ farmRedisUrl: 'redis://h:1', farmSharedDir: '/no/such/dir' }))).toThrow(
      /does not exist/,
    );
  });
});
