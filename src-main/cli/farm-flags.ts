/** The `--farm` and `--shared-dir` flags `aura serve` and `aura worker` share. */
import { checkSharedDir } from '../farm/shared-dir.js';
import { parseFarmUrl, type FarmUrl } from '../farm/farm-url.js';

/** parseArgs option specs of the farm flags. */
export const FARM_FLAG_OPTIONS = {
  farm: { type: 'string' },
  'shared-dir': { type: 'string' },
} as const;

/** Where a farm is and the shared folder as this machine mounts it. */
export interface FarmFlags {
  url: FarmUrl;
  /** As given; checked (and made absolute) by checkFarmFlags at start. */
  sharedDir: string;
}

/** Undefined without `--farm`; throws one sentence when the pair is incomplete or the URL is wrong. */
export function parseFarmFlags(values: { farm?: string; 'shared-dir'?: string }): FarmFlags | undefined {
  if (values.farm === undefined) {
    if (values['shared-dir'] !== undefined) throw new Error('--shared-dir goes with --farm redis://HOST:PORT.');
    return undefined;
  }
  if (!values['shared-dir'])
    throw new Error('--farm needs --shared-dir DIR: the folder every machine of the farm shares.');
  return { url: parseFarmUrl(values.farm), sharedDir: values['shared-dir'] };
}

/** Checks the shared folder now (missing or not writable: one sentence) and returns it absolute. */
export function checkFarmFlags(flags: FarmFlags): FarmFlags {
  return { ...flags, sharedDir: checkSharedDir(flags.sharedDir) };
}
