/**
 * How the backend contract opens the farm's engine: a coordinator that renders with its own
 * FarmWorker (or, with `runQueuedJobs: false`, one that does not), on one key prefix of a test
 * Redis and one shared folder. The crash test's child process opens the same through `openEngine`,
 * reading where the farm is from the environment (tests/helpers/engine-child.ts).
 */
import { createFarmEngine, type FarmEngine } from '../../../src-main/farm/farm-engine.js';
import { FarmKeys } from '../../../src-main/farm/farm-keys.js';
import { parseFarmUrl } from '../../../src-main/farm/farm-url.js';
import type { EngineOptions } from '../../../src-main/engine/engine.js';
import type { ChildEngineOpener } from '../../helpers/engine-child.js';

/** Where one contract test's farm lives. */
export interface FarmPlace {
  url: string;
  sharedDir: string;
  prefix: string;
}

/** The environment that carries a FarmPlace to a child process. */
export function farmPlaceEnv(place: FarmPlace): Record<string, string> {
  return {
    AURA_TEST_ENGINE_MODULE: import.meta.filename,
    AURA_TEST_FARM_URL: place.url,
    AURA_TEST_FARM_SHARED_DIR: place.sharedDir,
    AURA_TEST_FARM_PREFIX: place.prefix,
  };
}

export function openFarmContractEngine(
  place: FarmPlace,
  options: Pick<EngineOptions, 'dataDir' | 'steps' | 'runQueuedJobs'>,
): Promise<FarmEngine> {
  return createFarmEngine({
    dataDir: options.dataDir,
    url: parseFarmUrl(place.url),
    sharedDir: place.sharedDir,
    steps: options.steps,
    render: options.runQueuedJobs !== false,
    keys: new FarmKeys(place.prefix),
    // A killed coordinator's job is taken over within ~3 s (the crash test).
    settings: { farmLockSeconds: 2, farmStalledCheckSeconds: 1 },
  });
}

/** engine-child.ts's opener: the farm named by the environment. */
export const openEngine: ChildEngineOpener = (options) => {
  const env = (name: string) => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set`);
    return value;
  };
  const place = {
    url: env('AURA_TEST_FARM_URL'),
    sharedDir: env('AURA_TEST_FARM_SHARED_DIR'),
    prefix: env('AURA_TEST_FARM_PREFIX'),
  };
  return openFarmContractEngine(place, options);
};
