/**
 * One worker process for bench:farm: `tsx bench/farm/worker-child.ts farm URL SHARED PREFIX NAME`
 * (a FarmWorker with no-op steps, as `aura worker` runs it) or `raw URL PREFIX` (a bare BullMQ
 * worker whose processor does nothing: the ceiling). Prints `ready` once it takes jobs.
 */
import { Worker } from 'bullmq';
import { farmRedisOptions } from '../../src-main/farm/farm-connection.js';
import { FarmKeys } from '../../src-main/farm/farm-keys.js';
import { parseFarmUrl } from '../../src-main/farm/farm-url.js';
import { FarmWorker } from '../../src-main/farm/farm-worker.js';
import { noOpSteps } from '../engine/no-op-steps.js';

const [mode, url, ...rest] = process.argv.slice(2);
const farmUrl = parseFarmUrl(url!);
let stop: () => Promise<void>;
if (mode === 'farm') {
  const [sharedDir, prefix, name] = rest;
  const worker = await FarmWorker.start({
    url: farmUrl,
    sharedDir: sharedDir!,
    steps: noOpSteps,
    keys: new FarmKeys(prefix),
    name: name!,
  });
  stop = () => worker.close();
} else {
  const [prefix] = rest;
  const worker = new Worker(`${prefix}-raw`, async () => undefined, { connection: farmRedisOptions(farmUrl, 'raw') });
  await worker.waitUntilReady();
  stop = () => worker.close();
}
process.stdout.write('ready\n');
process.on('SIGTERM', () => void stop().then(() => process.exit(0)));
