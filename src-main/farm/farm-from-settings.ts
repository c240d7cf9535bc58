import fs from 'node:fs';
import { SettingsSchema } from '../../src-shared/settings.js';
import { DataLayout } from '../engine/data-dir.js';
import { parseFarmUrl, type FarmUrl } from './farm-url.js';
import { checkSharedDir } from './shared-dir.js';

/**
 * The farm the desktop app joins at start-up, from settings.json (`farmRedisUrl` and
 * `farmSharedDir`, saved from the Machine view and applied on the next start); undefined when it
 * is set to run alone. A half-set pair or a bad folder throws one sentence for the start-up dialog.
 */
export function farmFromSettings(dataDir: string): { url: FarmUrl; sharedDir: string } | undefined {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(new DataLayout(dataDir).settingsFile, 'utf8'));
  } catch {
    return undefined; // no settings (or unreadable ones, which the engine reports): run alone
  }
  const parsed = SettingsSchema.safeParse(json);
  if (!parsed.success) return undefined;
  const { farmRedisUrl, farmSharedDir } = parsed.data;
  if (!farmRedisUrl && !farmSharedDir) return undefined;
  if (!farmRedisUrl || !farmSharedDir)
    throw new Error('To join a render farm, settings need both the farm’s Redis URL and its shared folder.');
  return { url: parseFarmUrl(farmRedisUrl), sharedDir: checkSharedDir(farmSharedDir) };
}
