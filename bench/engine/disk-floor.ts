/**
 * The disk's limit for bench:engine's jobs: the same file work a no-op job does (its folder,
 * job.json, spec.json and events.jsonl at create; temp and its checkpoints while it runs; temp
 * removed and job.json replaced at the end; every transition in one group-committed log), through
 * the same primitives and thread pool, with no engine around it. What the engine reaches against
 * this says how much it adds on top of the file system.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  appendAllSync,
  fdatasyncFd,
  openFd,
  replaceFileUnsynced,
  writeSmallFile,
} from '../../src-main/engine/atomic-file.js';
import { GroupSync } from '../../src-main/engine/group-sync.js';
import { removeFolder } from '../../src-main/engine/remove-folder.js';

const EVENT = JSON.stringify({ seq: 1, type: 'step-status', data: { step: 'one', status: 'running' } }).padEnd(600);
const RECORD = JSON.stringify({ schemaVersion: 1, status: 'pending' }).padEnd(1000);
const SPEC = JSON.stringify({ schemaVersion: 1 }).padEnd(500);
const CHECKPOINT = JSON.stringify({ key: 'step:one', inputsHash: 'x'.repeat(64) }).padEnd(150);

/** Jobs per second for `jobs` jobs created at once, then run `concurrency` at a time, in `dir`. */
export async function diskFloor(dir: string, jobs: number, concurrency: number): Promise<number> {
  for (const sub of ['jobs', 'temp', 'commit-log']) fs.mkdirSync(path.join(dir, sub), { recursive: true });
  const logFd = fs.openSync(path.join(dir, 'commit-log', '1.jsonl'), 'a');
  const group = new GroupSync(() => fdatasyncFd(logFd));
  const commit = (line: string) => {
    appendAllSync(logFd, line + '\n');
    return group.sync();
  };
  const jobDir = (id: string) => path.join(dir, 'jobs', id);
  const create = async (id: string) => {
    await fs.promises.mkdir(jobDir(id));
    const events = openFd(path.join(jobDir(id), 'events.jsonl'), 'a').then((fd) => {
      appendAllSync(fd, EVENT + '\n');
      fs.closeSync(fd);
    });
    await Promise.all([
      writeSmallFile(path.join(jobDir(id), 'job.json'), RECORD),
      writeSmallFile(path.join(jobDir(id), 'spec.json'), SPEC),
      events,
    ]);
    await commit(EVENT + SPEC);
  };
  const run = async (id: string) => {
    const temp = path.join(dir, 'temp', id);
    await fs.promises.mkdir(temp);
    const events = await openFd(path.join(jobDir(id), 'events.jsonl'), 'a');
    const checkpoints = await openFd(path.join(temp, 'checkpoints.jsonl'), 'a');
    appendAllSync(events, EVENT + '\n');
    for (let step = 0; step < 3; step++) {
      appendAllSync(events, EVENT + '\n');
      appendAllSync(checkpoints, CHECKPOINT + '\n');
      appendAllSync(events, EVENT + '\n');
    }
    fs.closeSync(checkpoints);
    await removeFolder(temp);
    appendAllSync(events, EVENT + '\n' + EVENT + '\n');
    fs.closeSync(events);
    await commit(EVENT + EVENT);
    await replaceFileUnsynced(path.join(jobDir(id), 'job.json'), RECORD);
  };

  const start = performance.now();
  const ids = Array.from({ length: jobs }, (_, i) => `floor${i}`);
  await Promise.all(ids.map(create));
  const queue = [...ids];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let id = queue.shift(); id; id = queue.shift()) await run(id);
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  fs.closeSync(logFd);
  return jobs / seconds;
}
