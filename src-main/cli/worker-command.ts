/** `aura worker --farm URL --shared-dir DIR [--name NAME] [--concurrency N]`: renders a farm's jobs, no HTTP. */
import { parseArgs } from 'node:util';
import type { StepsFactory } from '../engine/step.js';
import { FarmWorker } from '../farm/farm-worker.js';
import { createPipelineSteps } from '../pipeline/index.js';
import { checkFarmFlags, FARM_FLAG_OPTIONS, parseFarmFlags, type FarmFlags } from './farm-flags.js';
import { untilSignal } from './signals.js';

/** Parsed `aura worker` flags. */
export interface WorkerArgs {
  farm: FarmFlags;
  name: string | undefined;
  concurrency: number;
}

/** Parses the flags; throws a plain Error of one sentence on anything wrong. */
export function parseWorkerArgs(argv: string[]): WorkerArgs {
  const { values } = parseArgs({
    args: argv,
    options: { ...FARM_FLAG_OPTIONS, name: { type: 'string' }, concurrency: { type: 'string' } },
    strict: true,
    allowPositionals: false,
  });
  const farm = parseFarmFlags(values);
  if (!farm) throw new Error('aura worker needs --farm redis://HOST:PORT and --shared-dir DIR.');
  const text = values.concurrency ?? '1';
  const concurrency = /^\d{1,2}$/.test(text) ? Number(text) : NaN;
  if (!(concurrency >= 1 && concurrency <= 16))
    throw new Error(`--concurrency must be a number from 1 to 16, not "${text}".`);
  if (values.name !== undefined && !/^[A-Za-z0-9_.-]{1,64}$/.test(values.name))
    throw new Error('--name must be 1 to 64 letters, digits, ".", "_" or "-".');
  return { farm, name: values.name, concurrency };
}

/** The line a user (or a script waiting for the worker) looks for; the URL never shows a password. */
export function workerReadyLine(name: string, display: string): string {
  return `Aura worker ${name} ready (farm ${display})`;
}

/** Runs a worker until SIGTERM/SIGINT; resolves to the exit code. `steps` is for tests. */
export async function runWorker(argv: string[], options: { steps?: StepsFactory } = {}): Promise<number> {
  let args: WorkerArgs;
  try {
    args = parseWorkerArgs(argv);
  } catch (error) {
    console.error(`aura worker: ${(error as Error).message}`);
    return 2;
  }
  let worker: FarmWorker;
  try {
    const farm = checkFarmFlags(args.farm);
    worker = await FarmWorker.start({
      url: farm.url,
      sharedDir: farm.sharedDir,
      steps: options.steps ?? createPipelineSteps,
      concurrency: args.concurrency,
      ...(args.name ? { name: args.name } : {}),
    });
  } catch (error) {
    console.error(`aura worker: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  // Handlers go on before the ready line: a script may send SIGTERM the moment it reads it.
  const stopping = untilSignal();
  console.log(workerReadyLine(worker.name, args.farm.url.display));
  const signal = await stopping;
  console.log(`Received ${signal}; putting running jobs back in the farm's queue...`);
  try {
    await worker.close();
  } catch (error) {
    console.error(`aura worker: shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  console.log('Stopped.');
  setTimeout(() => process.exit(process.exitCode ?? 0), 2000).unref();
  return 0;
}
