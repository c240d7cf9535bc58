/**
 * bench:cancel — cancel latency while scenes are encoding: from the cancel request until the job
 * is `canceled` and no process of the job is left (a /proc scan for its temp dir), over 20 tries.
 * `--tries N` (default 20), `--json`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processesMentioning } from '../../src-main/pipeline/child-registry.js';
import { benchSpec, flag, median, nextEvent, percentile, pipelineEngine } from '../render/shared.js';

const tries = flag('tries', 20);
const json = process.argv.includes('--json');
/** A child still alive this long after the cancel counts as left over. */
const GIVE_UP_MS = 2000;

const dataDir = mkdtempSync(join(tmpdir(), 'aura-bench-cancel-'));
const engine = await pipelineEngine(dataDir);
const spec = benchSpec();
const latencies: number[] = [];
let leftoverProcesses = 0;
try {
  if (process.platform !== 'linux')
    console.log('note: the leftover-process check needs /proc (Linux); elsewhere it sees nothing');
  for (let i = 1; i <= tries; i++) {
    const { jobId } = await engine.create(spec);
    const tempDir = join(dataDir, 'temp', jobId);
    // Cancel only once ffmpeg is encoding: the case where killing children is the work.
    await nextEvent(
      engine,
      (e) => e.jobId === jobId && e.type === 'step-progress' && e.data.step === 'visuals' && e.data.progressPct > 0,
    );
    const running = processesMentioning(tempDir).length;
    const started = performance.now();
    await engine.cancel(jobId);
    let left = processesMentioning(tempDir).length;
    while ((engine.get(jobId)?.status !== 'canceled' || left > 0) && performance.now() - started < GIVE_UP_MS) {
      await new Promise((r) => setTimeout(r, 1));
      left = processesMentioning(tempDir).length;
    }
    const ms = performance.now() - started;
    latencies.push(ms);
    leftoverProcesses += left;
    console.log(`  try ${i}: ${ms.toFixed(1)} ms (${running} child(ren) running at cancel, ${left} left)`);
  }
} finally {
  await engine.close();
  rmSync(dataDir, { recursive: true, force: true });
}
const result = { cancelP95Ms: Math.round(percentile(latencies, 95) * 10) / 10, leftoverProcesses };
console.log(
  `cancel → canceled and no child left: median ${median(latencies).toFixed(1)} ms, p95 ${result.cancelP95Ms} ms (target < 250 ms); leftover processes: ${leftoverProcesses}`,
);
if (json) console.log(JSON.stringify(result));
