/**
 * `aura worker` / `aura serve` exactly as the CLI runs them, but with the tests' steps, as a
 * separate process: `tsx tests/helpers/farm-child.ts worker|serve ARGS...`. The steps are chosen by
 * the spec's title: a title containing `slow` takes 4 units of 250 ms per step.
 */
import { runServe } from '../../src-main/cli/serve-command.js';
import { runWorker } from '../../src-main/cli/worker-command.js';
import { testSteps } from './test-steps.js';

const [command, ...rest] = process.argv.slice(2);
const steps = testSteps((spec) => (spec.title.includes('slow') ? { units: 4, unitMs: 250 } : { units: 2, unitMs: 20 }));
const run = command === 'worker' ? runWorker : command === 'serve' ? runServe : undefined;
if (!run) throw new Error('usage: farm-child.ts worker|serve ARGS...');
process.exitCode = await run(rest, { steps });
