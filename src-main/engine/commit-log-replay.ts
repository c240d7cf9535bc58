import fs from 'node:fs';
import path from 'node:path';
import type { JobEvent } from '../../src-shared/events.js';
import { fsyncDir } from './atomic-file.js';
import { segmentNumber, syncJobFiles, type CoveredFiles } from './commit-log.js';
import { isJobEvent, parseEventLines } from './event-log.js';
import { JobOriginSchema, readOrigin, type JobOrigin } from './record-rebuild.js';

/** What the log holds for one job, in commit order. */
interface LoggedJob {
  deleted: boolean;
  origin: JobOrigin | null;
  events: JobEvent[];
}

/** The complete, well-formed lines of the segments; a torn or foreign line is skipped. */
function readEntries(files: string[]): Map<string, LoggedJob> {
  const jobs = new Map<string, LoggedJob>();
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const complete = text.slice(0, text.lastIndexOf('\n') + 1);
    for (const line of complete.split('\n')) {
      let entry: { jobId?: unknown; events?: unknown; origin?: unknown; deleted?: unknown };
      try {
        entry = JSON.parse(line) as typeof entry;
      } catch {
        continue;
      }
      if (typeof entry?.jobId !== 'string') continue;
      const job = jobs.get(entry.jobId) ?? { deleted: false, origin: null, events: [] };
      jobs.set(entry.jobId, job);
      if (entry.deleted === true) Object.assign(job, { deleted: true, origin: null, events: [] });
      if (!Array.isArray(entry.events)) continue;
      const origin = JobOriginSchema.safeParse(entry.origin);
      if (origin.success) job.origin = origin.data;
      job.events.push(...entry.events.filter(isJobEvent));
    }
  }
  return jobs;
}

/** Puts back what the job's own files lost of what the log holds: its folder, its origin, its events' tail. */
function restoreJob(files: CoveredFiles, jobId: string, logged: LoggedJob): void {
  fs.mkdirSync(files.jobDir(jobId), { recursive: true });
  const originFile = files.originFile(jobId);
  if (logged.origin && !readOrigin(originFile, jobId))
    fs.writeFileSync(originFile, JSON.stringify(logged.origin) + '\n');
  const eventsFile = files.eventsFile(jobId);
  let text = '';
  try {
    text = fs.readFileSync(eventsFile, 'utf8');
  } catch {
    // lost with its folder: the log has it all
  }
  const { events: kept, validBytes } = parseEventLines(text);
  if (validBytes < Buffer.byteLength(text)) fs.truncateSync(eventsFile, validBytes);
  let lastSeq = kept.reduce((max, e) => Math.max(max, e.seq), 0);
  const missing: JobEvent[] = [];
  for (const event of logged.events) {
    if (event.seq <= lastSeq) continue;
    missing.push(event);
    lastSeq = event.seq;
  }
  if (missing.length > 0) fs.appendFileSync(eventsFile, missing.map((e) => JSON.stringify(e)).join('\n') + '\n');
}

/**
 * Start-up, before the jobs are read: applies what the commit log holds (a crash or power cut left
 * it) to the jobs' own files, makes those durable, and removes the log. Returns the last segment's
 * number, so the next segment follows it. A job deleted after its commits stays deleted.
 */
export async function replayCommitLog(dir: string, files: CoveredFiles): Promise<number> {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
  const segments = names
    .map((name) => ({ name, n: segmentNumber(name) }))
    .filter((s): s is { name: string; n: number } => s.n !== null)
    .sort((a, b) => a.n - b.n);
  if (segments.length === 0) return 0;
  const paths = segments.map((s) => path.join(dir, s.name));
  const jobs = readEntries(paths);
  for (const [jobId, logged] of jobs) {
    if (logged.deleted) fs.rmSync(files.jobDir(jobId), { recursive: true, force: true });
    else restoreJob(files, jobId, logged);
  }
  const restored = [...jobs]
    .filter(([, logged]) => !logged.deleted)
    .map(([jobId]) => [jobId, { created: true }] as const);
  await syncJobFiles(files, new Map(restored));
  for (const file of paths) fs.rmSync(file, { force: true });
  await fsyncDir(dir);
  return segments.at(-1)!.n;
}
