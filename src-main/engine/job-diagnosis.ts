import os from 'node:os';
import { stat } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';
import type { Diagnosis } from '../../src-shared/queue.js';
import { registeredChildPids } from './child-pids.js';
import type { DataLayout } from './data-dir.js';
import type { JobRecord } from './job-record.js';
import { outputFilesOf, programNameOf, sampleProcess, type ProcessSample } from './process-probe.js';
import { decideDiagnosis, type ChildFacts, type StallFacts } from './stall-diagnosis.js';
import type { StallWatchdog } from './stall-watchdog.js';
import { diskSpaceAt } from './storage-errors.js';

/** What a diagnosis reads besides the record. */
export interface DiagnosisSources {
  layout: DataLayout;
  watchdog: Pick<StallWatchdog, 'silence'>;
  warningSeconds: () => number;
  logTail: (jobId: string, lines: number) => string[];
  /** How long CPU time and output size are watched to see them grow. @default 500 ms */
  sampleMs?: number;
}

/** Total size of the files that exist among `files`; null when none does. */
const sizeOf = async (files: string[]): Promise<number | null> => {
  const sizes = await Promise.all(
    files.map((f) =>
      stat(f).then(
        (s) => s.size,
        () => null,
      ),
    ),
  );
  const found = sizes.filter((n): n is number => n !== null);
  return found.length === 0 ? null : found.reduce((a, b) => a + b, 0);
};

/** A registered pid is the job's child only if its command names the job's temp dir (or it is our zombie). */
const isJobChild = (sample: ProcessSample, tempDir: string) =>
  sample.state === 'zombie' ? sample.ppid === process.pid : sample.args.some((a) => a.includes(tempDir));

/** Looks at the job's children twice, `sampleMs` apart: state, CPU use, output growth. */
async function observeChildren(tempDir: string, sampleMs: number): Promise<ChildFacts[]> {
  const pids = await registeredChildPids(tempDir);
  if (pids.length === 0) return [];
  const first = (await Promise.all(pids.map(sampleProcess))).filter((s) => isJobChild(s, tempDir));
  const outputs = first.map((s) => outputFilesOf(s.args));
  const sizesBefore = await Promise.all(outputs.map(sizeOf));
  const startedMs = Date.now();
  await delay(sampleMs);
  const second = await Promise.all(first.map((s) => sampleProcess(s.pid)));
  const sizesAfter = await Promise.all(outputs.map(sizeOf));
  const elapsed = (Date.now() - startedMs) / 1000;
  return first.map((before, i) => {
    const after = second[i]!;
    const cpu =
      before.cpuSeconds !== null && after.cpuSeconds !== null && elapsed > 0
        ? ((after.cpuSeconds - before.cpuSeconds) / elapsed) * 100
        : null;
    const [sizeBefore, sizeAfter] = [sizesBefore[i], sizesAfter[i]];
    return {
      pid: before.pid,
      name: programNameOf(before.args, before.pid),
      state: after.state === 'gone' ? 'gone' : after.state,
      cpuPercent: cpu,
      outputFile: outputs[i]![0] ?? null,
      outputGrowthBytes: sizeBefore != null && sizeAfter != null ? sizeAfter - sizeBefore : null,
    };
  });
}

/** Reads the machine around a job (children, disk, load, log) and decides what is wrong with it. */
export async function diagnoseJob(record: JobRecord, sources: DiagnosisSources): Promise<Diagnosis> {
  const { layout, watchdog } = sources;
  const jobId = record.jobId;
  const running = record.status === 'running';
  const silence = running ? watchdog.silence(jobId) : null;
  const stepName = silence?.step ?? record.steps.find((s) => s.status === 'running')?.name ?? null;
  const facts: StallFacts = {
    status: record.status,
    step: stepName,
    stage: record.stage,
    silentSeconds: silence?.silentSeconds ?? null,
    warningSeconds: sources.warningSeconds(),
    children: running ? await observeChildren(layout.tempDir(jobId), sources.sampleMs ?? 500) : [],
    disk: diskSpaceAt(layout.tempDir(jobId)),
    load: { load1: os.loadavg()[0] ?? 0, cores: os.availableParallelism() },
    lastLines: sources.logTail(jobId, 3),
    error: record.error,
  };
  return { jobId, ...decideDiagnosis(facts), checkedAt: new Date().toISOString() };
}
