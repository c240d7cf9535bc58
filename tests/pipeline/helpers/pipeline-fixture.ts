import type { Engine } from '../../../src-main/engine/engine.js';
import type { Settings } from '../../../src-shared/settings.js';
import { useEngineFixture } from '../../helpers/engine-fixture.js';
import { pipelineEngineOptions } from './pipeline-engine.js';

// Apart from pipeline-engine.ts: that one is also loaded outside vitest (the kill -9 child, the
// disk-full bench), where registering hooks has no place.

/** What a pipeline test file gets from usePipelineEngine: a fresh temp dir per test and the real pipeline's engine on it. */
export interface PipelineEngineFixture {
  /** This test's temp directory (removed after the test): the engine's data dir unless `open` is given another. */
  readonly dir: string;
  /** The engine last opened (throws before the first open). */
  readonly engine: Engine;
  /** Opens an engine running the real pipeline on `dataDir` (this test's dir unless given), `settings` over the defaults. */
  open(settings?: Partial<Settings>, dataDir?: string): Promise<Engine>;
}

/** Registers useEngineFixture's per-test set-up for engines running the real pipeline (ffmpeg). */
export function usePipelineEngine(): PipelineEngineFixture {
  const fx = useEngineFixture();
  return {
    get dir() {
      return fx.dir;
    },
    get engine() {
      return fx.engine;
    },
    open: (settings = {}, dataDir = fx.dir) => fx.open(pipelineEngineOptions(dataDir, settings)),
  };
}
