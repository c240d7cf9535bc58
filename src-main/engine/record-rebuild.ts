import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import writeFileAtomic from 'write-file-atomic';
import type { JobEvent } from '../../src-shared/events.js';
import type { Artifact } from '../../src-shared/job.js';
import { RenderSpecSchema } from '../../src-shared/spec.js';
import { writeSmallFile } from './atomic-file.js';
import type { DataLayout } from './data-dir.js';
import { parseEventLines } from './event-log.js';
import { newJobRecord, type JobRecord } from './job-record.js';
import type { JobFiles } from './backend.js';

/** `jobs/<id>/spec.json`: what the job was created from, written once before job.json. */
export const JobOriginSchema = z.object({
  schemaVersion: z.literal(1),
  jobId: z.string(),
  createdAt: z.string(),
  spec: RenderSpecSchema,
  steps: z.array(z.object({ name: z.string(), stage: z.string() })),
});
export type JobOrigin = z.infer<typeof JobOriginSchema>;

/** What the job was created from: its spec and steps (spec.json, and its commit-log entry at create). */
export function jobOriginOf(record: JobRecord): JobOrigin {
  return {
    schemaVersion: 1,
    jobId: record.jobId,
    createdAt: record.createdAt,
    spec: record.spec,
    steps: record.steps.map(({ name, stage }) => ({ name, stage })),
  };
}

/** Writes the job's origin, unsynced: the commit log holds it until the job's files are synced. */
export function writeJobOrigin(originFile: string, record: JobRecord): Promise<void> {
  return writeSmallFile(originFile, JSON.stringify(jobOriginOf(record)) + '\n');
}

const MIME_OF: Record<string, string> = {
  '.mp4': 'video/mp4',
  '.srt': 'application/x-subrip',
  '.vtt': 'text/vtt',
  '.txt': 'text/plain',
  '.json': 'application/json',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
};

/** The artifacts really on disk: the logged ones that are still there (with their size now), plus any unlogged file. */
export function artifactsOnDisk(dir: string, logged: Artifact[]): Artifact[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => fs.statSync(path.join(dir, n)).isFile());
  } catch {
    return [];
  }
  // The logged order first (what the job listed), then files the log never named.
  const rank = (name: string) => {
    const i = logged.findIndex((a) => a.name === name);
    return i === -1 ? logged.length : i;
  };
  names.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  return names.map((name) => {
    const stat = fs.statSync(path.join(dir, name));
    const known = logged.find((a) => a.name === name);
    return {
      name,
      type: known?.type ?? MIME_OF[path.extname(name).toLowerCase()] ?? 'application/octet-stream',
      sizeBytes: stat.size,
      createdAt: known?.createdAt ?? stat.mtime.toISOString(),
    };
  });
}

/** Replays a job's events over its first record: the state the log knows, with no disk access (table-tested). */
export function replayEvents(origin: JobOrigin, events: readonly JobEvent[]): JobRecord {
  const record = newJobRecord(origin.jobId, origin.spec, origin.steps, origin.createdAt);
  for (const e of events) {
    const at = new Date(e.ts).toISOString();
    record.lastEventSeq = Math.max(record.lastEventSeq, e.seq);
    if (e.type === 'job-status') {
      const { status, stage, progressPct, canResume } = e.data;
      Object.assign(record, { status, stage, progressPct, canResume });
      if (status === 'running') {
        record.startedAt ??= at;
        record.attempts++;
        record.error = null;
      }
      if (status === 'pending') {
        // A resume (or an interrupted run queued again), as JobRunner.resume leaves the record.
        Object.assign(record, { endedAt: null, error: null });
        for (const s of record.steps)
          if (s.status === 'failed' || s.status === 'canceled') Object.assign(s, { status: 'pending', endedAt: null });
      }
      if (status === 'completed') Object.assign(record, { completedAt: at, endedAt: at });
      if (status === 'canceled') Object.assign(record, { canceledAt: at, endedAt: at });
      if (status === 'failed') record.endedAt = at;
    } else if (e.type === 'step-status') {
      const step = record.steps.find((s) => s.name === e.data.step);
      if (!step) continue;
      step.status = e.data.status;
      if (e.data.status === 'running') Object.assign(step, { startedAt: at, endedAt: null, progressPct: 0 });
      else if (e.data.status !== 'pending') step.endedAt = at;
      if (e.data.status === 'succeeded') {
        step.progressPct = 100;
        record.lastCompletedStep = step.name;
      }
    } else if (e.type === 'step-progress') {
      const step = record.steps.find((s) => s.name === e.data.step);
      if (step) step.progressPct = Math.max(step.progressPct, e.data.progressPct);
      record.progressPct = e.data.jobProgressPct;
    } else if (e.type === 'warning') {
      record.warnings.push({ code: e.data.code, message: e.data.message, step: e.data.step ?? null, at });
    } else if (e.type === 'job-completed') {
      record.artifacts = e.data.artifacts;
    } else if (e.type === 'job-failed') {
      record.error = { ...e.data.error, step: e.data.step, logTail: [] };
      // As recordFailure leaves it: the step that failed says so.
      for (const s of record.steps) if (s.name === e.data.step) Object.assign(s, { status: 'failed', endedAt: at });
    } else if (e.type === 'job-canceled') {
      // As recordCancel leaves it: every unfinished step is canceled.
      for (const s of record.steps)
        if (s.status === 'running' || s.status === 'pending')
          Object.assign(s, { status: 'canceled', endedAt: s.status === 'running' ? at : null });
    }
  }
  // A step the log saw running when the job stopped was interrupted: pending again, as a pause or a crash leaves it.
  if (record.status !== 'running')
    for (const s of record.steps) if (s.status === 'running') Object.assign(s, { status: 'pending', endedAt: null });
  return record;
}

/** What loading an unreadable job.json came to. */
export type RebuildOutcome =
  | { kind: 'rebuilt'; record: JobRecord }
  /** No job-created event and no job.json: the leftovers of a create that failed (and answered with an error). */
  | { kind: 'phantom' }
  | { kind: 'unusable' };

/** The job's spec.json, read and checked; null when it is missing, damaged or another job's. */
export function readOrigin(originFile: string, jobId: string): JobOrigin | null {
  try {
    const parsed = JobOriginSchema.safeParse(JSON.parse(fs.readFileSync(originFile, 'utf8')));
    return parsed.success && parsed.data.jobId === jobId ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Rebuilds a job whose job.json is damaged or missing from its origin, its event log and its files
 * (artifacts/, temp checkpoints), writes the result as its job.json (keeping the bad file aside),
 * and says so in a RECORD_REBUILT warning. Synchronous: it runs in JobStore's start-up load.
 */
export function rebuildRecord(
  layout: DataLayout,
  jobId: string,
  reason: string,
  jobJsonExists: boolean,
): RebuildOutcome {
  let text = '';
  try {
    text = fs.readFileSync(layout.eventsFile(jobId), 'utf8');
  } catch {
    // no log
  }
  const { events } = parseEventLines(text);
  const created = events.some((e) => e.type === 'job-created');
  if (!created && !jobJsonExists) return { kind: 'phantom' };
  const origin = readOrigin(layout.originFile(jobId), jobId);
  if (!origin || !created) return { kind: 'unusable' };

  const record = replayEvents(origin, events);
  withFilesOnDisk(record, layout, reason);
  keepAsideAndWrite(layout, jobId, record, jobJsonExists);
  return { kind: 'rebuilt', record };
}

/**
 * Finishes a record replayed from its log with what its files say (the artifacts there, whether
 * its checkpoints are left to resume from) and a RECORD_REBUILT warning. The farm's rebuild uses it too.
 */
export function withFilesOnDisk(
  record: JobRecord,
  files: Pick<JobFiles, 'artifactsDir' | 'tempDir'>,
  reason: string,
): JobRecord {
  record.artifacts = artifactsOnDisk(files.artifactsDir(record.jobId), record.artifacts);
  const checkpoints = fs.existsSync(path.join(files.tempDir(record.jobId), 'checkpoints.jsonl'));
  if (record.status === 'failed') record.canResume = record.canResume && checkpoints;
  record.warnings.push({
    code: 'RECORD_REBUILT',
    message: `This job's record could not be read (${reason}); it was rebuilt from its event log and files.`,
    step: null,
    at: new Date().toISOString(),
  });
  return record;
}

/** Best effort: a read-only disk still gets the rebuilt job in memory; the next start rebuilds it again. */
function keepAsideAndWrite(layout: DataLayout, jobId: string, record: JobRecord, jobJsonExists: boolean): void {
  const file = layout.jobFile(jobId);
  try {
    if (jobJsonExists) fs.copyFileSync(file, `${file}.corrupt-${new Date().toISOString().replaceAll(':', '-')}`);
    writeFileAtomic.sync(file, JSON.stringify(record, null, 1) + '\n', { fsync: true });
  } catch {
    // The disk refuses: keep the rebuilt record in memory only.
  }
}
