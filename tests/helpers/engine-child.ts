/**
 * A separate process running an engine on a data dir, for crash tests:
 * `tsx tests/helpers/engine-child.ts DATA_DIR [create]`. It prints every engine event as a
 * JSON line on stdout, so the parent can kill it (SIGKILL) at a known point.
 * With AURA_TEST_ENGINE_MODULE set, the engine is opened by that module's `openEngine` (a
 * ChildEngineOpener) instead of createEngine on the file backend: the backend contract's crash
 * tests, where the module reads what else it needs (a farm's Redis, its shared folder) from the env.
 */
import { createEngine, type Engine, type EngineOptions } from '../../src-main/engine/engine.js';
import { testSpec, testSteps } from './test-steps.js';

/** What a module named by AURA_TEST_ENGINE_MODULE exports as `openEngine`. */
export type ChildEngineOpener = (options: Pick<EngineOptions, 'dataDir' | 'steps'>) => Promise<Engine>;

const [dataDir, action] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: engine-child.ts DATA_DIR [create]');
const opener = process.env.AURA_TEST_ENGINE_MODULE;
const open: ChildEngineOpener = opener
  ? ((await import(opener)) as { openEngine: ChildEngineOpener }).openEngine
  : createEngine;
const engine = await open({ dataDir, steps: testSteps({ units: 4, unitMs: 150 }) });
engine.subscribe((event) => process.stdout.write(JSON.stringify(event) + '\n'));
if (action === 'create') await engine.create(testSpec('crash me'));
process.stdout.write(JSON.stringify({ type: 'ready' }) + '\n');
process.on('SIGTERM', () => void engine.close().then(() => process.exit(0)));
