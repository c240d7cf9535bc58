import { afterEach, beforeEach } from 'vitest';
import { createEngine, type Engine, type EngineOptions } from '../../src-main/engine/engine.js';
import { makeTempDir } from './temp-dir.js';
import { testSteps } from './test-steps.js';

/** What a test file gets from useEngineFixture: a fresh data dir per test and the engine opened on it. */
export interface EngineFixture {
  /** This test's data directory (removed after the test). */
  readonly dir: string;
  /** The engine last opened (throws before the first open). */
  readonly engine: Engine;
  /** Opens an engine on this test's data dir (test steps unless `steps` is given). */
  open(options?: Partial<EngineOptions>): Promise<Engine>;
  /** Closes the open engine (a clean shutdown) and opens a new one on the same data dir: a restart. */
  reopen(options?: Partial<EngineOptions>): Promise<Engine>;
}

/**
 * Registers the engine + temp-folder set-up every engine test needs: a new data dir before each
 * test; after it, the engine closed (releasing its lock and children) and the dir removed.
 */
export function useEngineFixture(): EngineFixture {
  let tmp: ReturnType<typeof makeTempDir> | undefined;
  let current: Engine | undefined;
  beforeEach(() => {
    tmp = makeTempDir();
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
    tmp?.cleanup();
  });
  const fixture: EngineFixture = {
    get dir() {
      if (!tmp) throw new Error('the engine fixture is used outside a test');
      return tmp.dir;
    },
    get engine() {
      if (!current) throw new Error('no engine is open: call open() first');
      return current;
    },
    async open(options = {}) {
      current = await createEngine({ dataDir: fixture.dir, steps: testSteps(), ...options });
      return current;
    },
    async reopen(options = {}) {
      await current?.close();
      current = undefined;
      return fixture.open(options);
    },
  };
  return fixture;
}
