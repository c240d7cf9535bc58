import type { JobError, JobStatus } from '../../src-shared/job.js';
import type { DiagnosisFinding } from '../../src-shared/queue.js';
import type { ProcessState } from './process-probe.js';
import { formatBytes } from './storage-errors.js';

/** What was seen of one child process of the job over the sampling window. */
export interface ChildFacts {
  pid: number;
  /** Program name (`ffmpeg`, `espeak-ng`, `sh`). */
  name: string;
  state: ProcessState;
  /** CPU use over the window, in % of one core; null when unknown. */
  cpuPercent: number | null;
  /** The file it writes, when known from its arguments. */
  outputFile: string | null;
  /** Bytes its output file grew over the window; null when there is no such file. */
  outputGrowthBytes: number | null;
}

/** Everything the decision looks at: gathered by job-diagnosis.ts, decided here without I/O. */
export interface StallFacts {
  status: JobStatus;
  /** The running step's name and stage (null when no step runs). */
  step: string | null;
  stage: string | null;
  /** How long the running step has shown no progress; null when it is not watched. */
  silentSeconds: number | null;
  /** From this much silence on, the step counts as stalled (setting stallWarningSeconds). */
  warningSeconds: number;
  children: ChildFacts[];
  disk: { freeBytes: number; totalBytes: number } | null;
  load: { load1: number; cores: number };
  /** The job log's last lines (ffmpeg's stderr among them). */
  lastLines: string[];
  error: Pick<JobError, 'code' | 'message' | 'suggestedActions'> | null;
}

/** The decision: one plain sentence, what it rests on, what to do. */
export interface StallVerdict {
  /** `healthy`, `stalled`, `waiting` (pending/paused), `ended`, `failed`. */
  state: string;
  summary: string;
  findings: DiagnosisFinding[];
  suggestedActions: string[];
}

/** Below this much free space nothing the job writes fits. */
export const DISK_FULL_BYTES = 1024 * 1024;
/** A step using less CPU than this (in % of a core) is not working, on a machine with CPU to spare. */
const BUSY_CPU_PERCENT = 20;

/** On a loaded machine a busy process gets only its share of the cores: half that share still counts as busy. */
function busyThreshold(f: StallFacts): number {
  const sharePercent = (f.load.cores / Math.max(1, f.load.load1)) * 100;
  return Math.max(5, Math.min(BUSY_CPU_PERCENT, sharePercent / 2));
}
/** Load per core above which processes wait for a CPU more than they run. */
const OVERLOAD_PER_CORE = 2;

const diskFull = (f: StallFacts) => f.disk !== null && f.disk.freeBytes < DISK_FULL_BYTES;
const diskNearlyFull = (f: StallFacts) =>
  f.disk !== null && f.disk.freeBytes < Math.min(1024 ** 3, f.disk.totalBytes * 0.05);
const overloaded = (f: StallFacts) => f.load.load1 > f.load.cores * OVERLOAD_PER_CORE;

/** The observations, one finding each, in the order a person would check them. */
export function findingsOf(f: StallFacts): DiagnosisFinding[] {
  const out: DiagnosisFinding[] = [];
  if (f.status === 'running' && f.silentSeconds !== null)
    out.push({
      code: f.silentSeconds >= f.warningSeconds ? 'NO_PROGRESS' : 'PROGRESSING',
      message: `The ${f.step ?? 'current'} step last showed progress ${Math.round(f.silentSeconds)} s ago.`,
    });
  if (f.status === 'running' && f.children.length === 0)
    out.push({ code: 'NO_CHILD_PROCESS', message: 'The step runs no program of its own right now.' });
  for (const c of f.children) {
    const who = `${c.name} (process ${c.pid})`;
    const stateText: Record<ProcessState, [string, string]> = {
      running: ['PROCESS_RUNNING', `${who} is running.`],
      sleeping: ['PROCESS_WAITING', `${who} is alive and waiting.`],
      'disk-wait': ['PROCESS_DISK_WAIT', `${who} is waiting for the disk.`],
      stopped: ['PROCESS_STOPPED', `${who} is stopped (suspended).`],
      zombie: ['PROCESS_ZOMBIE', `${who} has exited but was not collected (a zombie).`],
      gone: ['PROCESS_GONE', `${who} is no longer there.`],
    };
    const [code, message] = stateText[c.state];
    out.push({ code, message });
    if (c.cpuPercent !== null && c.state !== 'gone')
      out.push(
        c.cpuPercent >= busyThreshold(f)
          ? { code: 'CPU_BUSY', message: `${c.name} uses ${Math.round(c.cpuPercent)} % CPU.` }
          : {
              code: 'NO_CPU',
              message: `${c.name} uses ${c.cpuPercent < 1 ? 'no' : `only ${Math.round(c.cpuPercent)} %`} CPU.`,
            },
      );
    if (c.outputFile !== null && c.state !== 'gone')
      out.push(
        c.outputGrowthBytes && c.outputGrowthBytes > 0
          ? {
              code: 'OUTPUT_GROWING',
              message: `Its output ${c.outputFile} grows (${formatBytes(c.outputGrowthBytes)} just now).`,
            }
          : { code: 'NO_OUTPUT', message: `Its output ${c.outputFile} is not growing.` },
      );
  }
  if (f.disk && diskNearlyFull(f))
    out.push({
      code: diskFull(f) ? 'DISK_FULL' : 'DISK_NEARLY_FULL',
      message: `The data folder's disk has ${formatBytes(f.disk.freeBytes)} free of ${formatBytes(f.disk.totalBytes)}.`,
    });
  if (overloaded(f))
    out.push({
      code: 'MACHINE_OVERLOADED',
      message: `The machine is overloaded: load ${f.load.load1.toFixed(1)} on ${f.load.cores} cores.`,
    });
  if (f.lastLines.length > 0) out.push({ code: 'LAST_OUTPUT', message: `Last log lines: ${f.lastLines.join(' | ')}` });
  return out;
}

/** Decides what is wrong with a job from what was seen: a pure function (table-tested). */
export function decideDiagnosis(f: StallFacts): StallVerdict {
  const findings = findingsOf(f);
  const verdict = (state: string, summary: string, suggestedActions: string[]): StallVerdict => ({
    state,
    summary,
    findings,
    suggestedActions,
  });
  if (f.status === 'pending') return verdict('waiting', 'This job is waiting in the queue for its turn.', []);
  if (f.status === 'paused')
    return verdict('waiting', 'This job is paused; resume it to continue.', ['Resume the job.']);
  if (f.status === 'completed' || f.status === 'canceled')
    return verdict(
      'ended',
      `This job has ${f.status === 'completed' ? 'completed' : 'been canceled'}; nothing is wrong.`,
      [],
    );
  if (f.status === 'failed')
    return verdict(
      'failed',
      `This job failed: ${f.error?.message ?? 'no reason was recorded.'}`,
      f.error?.suggestedActions ?? [],
    );

  const step = f.step ?? 'current';
  const silent = f.silentSeconds !== null && f.silentSeconds >= f.warningSeconds;
  const silence = `${Math.round(f.silentSeconds ?? 0)} s`;
  const live = f.children.filter((c) => c.state !== 'gone');
  const stopped = live.find((c) => c.state === 'stopped');
  if (stopped)
    return verdict(
      'stalled',
      `${stopped.name} is alive but stopped (not using any CPU; no progress for ${silence}): it was suspended by another program; resume it or cancel.`,
      [`Resume it: kill -CONT ${stopped.pid} (or in your task manager).`, 'Or cancel the job.'],
    );
  const zombie = live.find((c) => c.state === 'zombie');
  if (zombie)
    return verdict(
      'stalled',
      `${zombie.name} has exited but Aura Studio has not collected it (a zombie process), so the ${step} step waits for nothing.`,
      ['Pause the job and resume it.', 'If that does not help, restart Aura Studio.'],
    );
  const blocked = live.find((c) => c.state === 'disk-wait');
  if (blocked && silent)
    return verdict(
      'stalled',
      `${blocked.name} is waiting for the disk (no progress for ${silence}): the drive or network share holding the data folder is not answering.`,
      ['Check the drive or the network share.', 'Or cancel the job (it stops once the disk answers).'],
    );
  if (diskFull(f))
    return verdict(
      silent ? 'stalled' : 'at-risk',
      `The disk holding the data folder is full (${formatBytes(f.disk!.freeBytes)} free), so the ${step} step cannot write its output.`,
      ['Free some disk space; the step then goes on, or fails and can be resumed.'],
    );
  const busy = live.find((c) => (c.cpuPercent ?? 0) >= busyThreshold(f));
  const writing = live.find((c) => (c.outputGrowthBytes ?? 0) > 0);
  if (!silent)
    return verdict(
      'healthy',
      `The ${step} step is working${busy ? ` (${busy.name} uses ${Math.round(busy.cpuPercent!)} % CPU)` : ''}.`,
      [],
    );
  if (writing)
    return verdict(
      'healthy',
      `${writing.name} is still writing its output but has reported no progress for ${silence}; it is probably slow, not stuck.`,
      ['Wait a little longer.', 'Or pause the job and resume it later.'],
    );
  if (busy)
    return verdict(
      'stalled',
      `${busy.name} is using ${Math.round(busy.cpuPercent!)} % CPU but writing nothing (no progress for ${silence}): it may be stuck on its input.`,
      ['Wait a little: a very long scene can take a while.', 'Otherwise cancel the job and check the scene it was on.'],
    );
  if (overloaded(f) && live.length > 0)
    return verdict(
      'stalled',
      `The machine is overloaded (load ${f.load.load1.toFixed(1)} on ${f.load.cores} cores), so the ${step} step gets almost no CPU time (no progress for ${silence}).`,
      ['Close other busy programs.', 'Or lower the number of jobs that run at once (concurrency).'],
    );
  if (live.length > 0)
    return verdict(
      'stalled',
      `${live[0]!.name} is alive but idle (no CPU, no output, no progress for ${silence}): it is waiting for something that does not come (a file, a device or a network share).`,
      ['Cancel the job, check its inputs, and render it again.', 'Or pause it and resume it.'],
    );
  return verdict(
    'stalled',
    `The ${step} step has shown no progress for ${silence} and runs no program: it is waiting inside Aura Studio.`,
    ['Pause the job and resume it.', 'If it stalls again, look at the job log and report it.'],
  );
}
