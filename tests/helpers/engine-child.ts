/**
 * A separate process running an engine on a data dir, for crash tests:
 * `tsx tests/helpers/engine-child.ts DATA_DIR [create]`. It prints every engine event as a
 * JSON line on stdout, so the parent can kill it (SIGKILL) at a known point.
 * With AURA_TEST_BACKEND_MODULE (and AURA_TEST_BACKEND_EXPORT, default `backend`) set, the engine
 * runs on the BackendFactory that module exports: the backend contract's crash tests.
 */
import type { BackendFactory } from '../../src-main/engine/backend.js';
import { createEngine } from '../../src-main/engine/engine.js';
import { testSpec, testSteps } from './test-steps.js';

const [dataDir, action] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: engine-child.ts DATA_DIR [create]');
const backendModule = process.env.AURA_TEST_BACKEND_MODULE;
const backend = backendModule
  ? ((await import(backendModule)) as Record<string, BackendFactory>)[process.env.AURA_TEST_BACKEND_EXPORT ?? 'backend']
  : undefined;
const engine = await createEngine({
  dataDir,
  steps: testSteps({ units: 4, unitMs: 150 }),
  ...(backend ? { backend } : {}),
});
engine.subscribe((event) => process.stdout.write(JSON.stringify(event) + '\n'));
if (action === 'create') await engine.create(testSpec('crash me'));
process.stdout.write(JSON.stringify({ type: 'ready' }) + '\n');
process.on('SIGTERM', () => void engine.close().then(() => process.exit(0)));
