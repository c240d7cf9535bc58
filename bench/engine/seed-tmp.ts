import fs from 'node:fs';
import path from 'node:path';
import { createEngine } from '../../src-main/engine/engine.js';
import { benchSpec, noOpSteps } from './no-op-steps.js';
const dataDir = '/tmp/aura-seed10k';
fs.rmSync(dataDir, { recursive: true, force: true });
const engine = await createEngine({ dataDir, steps: noOpSteps });
const job = await engine.create(benchSpec(0));
await new Promise<void>((resolve) => engine.subscribe((e) => e.type === 'job-completed' && resolve()));
await engine.close();
const jobs = path.join(dataDir, 'jobs');
const record = JSON.parse(fs.readFileSync(path.join(jobs, job.jobId, 'job.json'), 'utf8'));
for (let i = 1; i < 10000; i++) {
  const jobId = `seed${String(i).padStart(6, '0')}`;
  fs.mkdirSync(path.join(jobs, jobId, 'artifacts'), { recursive: true });
  fs.writeFileSync(path.join(jobs, jobId, 'job.json'), JSON.stringify({ ...record, jobId }));
}
