import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';

/** What the OS says a process is doing. */
export type ProcessState = 'running' | 'sleeping' | 'disk-wait' | 'stopped' | 'zombie' | 'gone';

/** One look at a process. */
export interface ProcessSample {
  pid: number;
  state: ProcessState;
  /** Parent pid, when known. */
  ppid: number | null;
  /** User + system CPU time so far, in seconds; null when unknown. */
  cpuSeconds: number | null;
  /** Its command line (empty for a zombie or a process that is gone). */
  args: string[];
}

/** Linux's USER_HZ: the unit of utime/stime in /proc/<pid>/stat on every mainstream kernel. */
const CLOCK_TICKS_PER_SECOND = 100;

/** The state letter of /proc/<pid>/stat or `ps -o stat=` in words. */
export function stateOfCode(code: string): ProcessState {
  switch (code[0]) {
    case 'R':
      return 'running';
    case 'D':
      return 'disk-wait';
    case 'T':
    case 't':
      return 'stopped';
    case 'Z':
    case 'X':
      return 'zombie';
    default:
      return 'sleeping'; // S, I, W...
  }
}

/** Parses /proc/<pid>/stat; the command name may hold spaces and parentheses, so fields count from the last ')'. */
export function parseProcStat(text: string): { state: ProcessState; ppid: number; cpuSeconds: number } | null {
  const end = text.lastIndexOf(')');
  if (end === -1) return null;
  const fields = text
    .slice(end + 2)
    .trim()
    .split(/\s+/);
  const [code, ppid, utime, stime] = [fields[0], fields[1], fields[11], fields[12]];
  if (!code || ppid === undefined || utime === undefined || stime === undefined) return null;
  return {
    state: stateOfCode(code),
    ppid: Number(ppid),
    cpuSeconds: (Number(utime) + Number(stime)) / CLOCK_TICKS_PER_SECOND,
  };
}

/** Parses `ps -o stat=,ppid=,time=` ("S+ 123 01:02:03.45" or "T 1 1-02:03:04"). */
export function parsePsLine(line: string): { state: ProcessState; ppid: number; cpuSeconds: number } | null {
  const match = /^\s*(\S+)\s+(\d+)\s+(?:(\d+)-)?(?:(\d+):)?(\d+):(\d+(?:[.,]\d+)?)\s*$/.exec(line);
  if (!match) return null;
  const [, code, ppid, days, hours, minutes, seconds] = match;
  const cpuSeconds =
    Number(days ?? 0) * 86_400 + Number(hours ?? 0) * 3600 + Number(minutes) * 60 + Number(seconds!.replace(',', '.'));
  return { state: stateOfCode(code!), ppid: Number(ppid), cpuSeconds };
}

const gone = (pid: number): ProcessSample => ({ pid, state: 'gone', ppid: null, cpuSeconds: null, args: [] });

/** Looks at a process: /proc on Linux, `ps` elsewhere. Never throws: a process that vanished is `gone`. */
export async function sampleProcess(pid: number): Promise<ProcessSample> {
  if (process.platform === 'linux') {
    try {
      const [stat, cmdline] = await Promise.all([
        readFile(`/proc/${pid}/stat`, 'utf8'),
        readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => ''),
      ]);
      const parsed = parseProcStat(stat);
      if (!parsed) return gone(pid);
      return { pid, ...parsed, args: cmdline.split('\0').filter((a) => a !== '') };
    } catch {
      return gone(pid);
    }
  }
  if (process.platform === 'win32') return { pid, state: 'running', ppid: null, cpuSeconds: null, args: [] };
  try {
    const run = promisify(execFile);
    const [{ stdout: stat }, { stdout: command }] = await Promise.all([
      run('ps', ['-o', 'stat=,ppid=,time=', '-p', String(pid)]),
      run('ps', ['-o', 'command=', '-p', String(pid)]),
    ]);
    const parsed = parsePsLine(stat.trim());
    return parsed ? { pid, ...parsed, args: command.trim().split(/\s+/) } : gone(pid);
  } catch {
    return gone(pid); // ps exits 1 for a pid that is not there
  }
}

/**
 * The program a command line runs, seen through a `nice [-n N]` wrapper (children start through
 * nice, and are caught as nice for the moment before it execs them).
 */
export function programNameOf(args: readonly string[], pid: number): string {
  const base = (arg: string | undefined) => arg?.split(/[\\/]/).pop() ?? '';
  let i = 0;
  if (base(args[0]) === 'nice') {
    i = 1;
    if (args[i] === '-n') i += 2;
    else if (/^-n?\d+$/.test(args[i] ?? '') || /^--adjustment=/.test(args[i] ?? '')) i += 1;
  }
  return base(args[i]) || `process ${pid}`;
}

/** Options whose value names an input or a filter graph (which may hold paths), never an output. */
const INPUT_OPTIONS = new Set([
  '-i',
  '-filter_complex',
  '-filter_complex_script',
  '-vf',
  '-af',
  '-filter:v',
  '-filter:a',
  '-progress',
  '-c',
]);

/**
 * The files a command writes to, as ffmpeg takes them: arguments that look like paths and are
 * not the value of an input or filter option (ffmpeg may write several: a clip and its thumbnail).
 */
export function outputFilesOf(args: readonly string[]): string[] {
  return args.filter((arg, i) => {
    if (i === 0 || arg.startsWith('-') || INPUT_OPTIONS.has(args[i - 1]!)) return false;
    if (/^[a-z]{2,}:/i.test(arg)) return false; // pipe:1, lavfi sources, URLs
    return /[\\/]/.test(arg);
  });
}
