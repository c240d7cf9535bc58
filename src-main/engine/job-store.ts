import fs from 'node:fs/promises';
import { SCHEMA_VERSION } from '../../src-shared/constants.js';
import type { JobStatus } from '../../src-shared/job.js';
import { fsyncDir, writeJsonAtomic } from './atomic-file.js';
import type { DataLayout } from './data-dir.js';
import { JobRecordSchema, type JobRecord } from './job-record.js';

const LOAD_BATCH = 256;

/** Newest first: createdAt descending, then id (ids are time-ordered). */
const newestFirst = (a: JobRecord, b: JobRecord): number =>
  a.createdAt === b.createdAt ? (a.jobId < b.jobId ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1;

/** A stand-in for a job whose job.json could not be read: listed as failed, never written over. */
function damagedRecord(jobId: string, reason: string, createdAt: string): JobRecord {
  return {
    schemaVersion: SCHEMA_VERSION,
    jobId,
    title: `Damaged job ${jobId}`,
    status: 'failed',
    stage: null,
    progressPct: 0,
    createdAt,
    startedAt: null,
    completedAt: null,
    canceledAt: null,
    endedAt: createdAt,
    canResume: false,
    lastCompletedStep: null,
    steps: [],
    artifacts: [],
    error: {
      code: 'JOB_DAMAGED',
      message: `The job's record could not be read (${reason}). Its files are kept; delete the job to remove them.`,
      step: null,
      suggestedActions: ['Delete the job and render its script again.'],
      logTail: [],
    },
    warnings: [],
    attempts: 0,
    spec: {
      title: `Damaged job ${jobId}`,
      script: '# Damaged',
      voice: { engine: 'none', voice: 'en', rate: 170 },
      output: { width: 1280, height: 720, fps: 30, quality: 'standard' },
    },
    lastEventSeq: 0,
    resumeOnStart: false,
    damaged: true,
  };
}

/** job.json files under `<data>/jobs`, with an in-memory index so listing never reads the disk. */
export class JobStore {
  #records = new Map<string, JobRecord>();
  /** Newest first; rebuilt lazily after inserts/removals. */
  #ordered: JobRecord[] | null = null;

  private constructor(private readonly layout: DataLayout) {}

  /** Loads every job; a corrupt or half-written job.json becomes a damaged entry instead of an error. */
  static async open(layout: DataLayout): Promise<JobStore> {
    const store = new JobStore(layout);
    await fs.mkdir(layout.jobsDir, { recursive: true });
    const ids = (await fs.readdir(layout.jobsDir, { withFileTypes: true }))
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
    for (let i = 0; i < ids.length; i += LOAD_BATCH) {
      const records = await Promise.all(ids.slice(i, i + LOAD_BATCH).map((id) => store.#load(id)));
      for (const record of records) store.#records.set(record.jobId, record);
    }
    return store;
  }

  async #load(jobId: string): Promise<JobRecord> {
    const file = this.layout.jobFile(jobId);
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (error) {
      const created = await fs.stat(this.layout.jobDir(jobId)).then(
        (s) => s.birthtime.toISOString(),
        () => new Date(0).toISOString(),
      );
      return damagedRecord(
        jobId,
        (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'job.json is missing' : String(error),
        created,
      );
    }
    try {
      const parsed = JobRecordSchema.safeParse(JSON.parse(text));
      if (parsed.success && parsed.data.jobId === jobId) return parsed.data;
      const reason = parsed.success
        ? 'its id does not match its folder'
        : `invalid: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`;
      return damagedRecord(jobId, reason, new Date(0).toISOString());
    } catch {
      const created = await fs.stat(file).then(
        (s) => s.mtime.toISOString(),
        () => new Date(0).toISOString(),
      );
      return damagedRecord(jobId, 'job.json is corrupt or half-written', created);
    }
  }

  get(jobId: string): JobRecord | undefined {
    return this.#records.get(jobId);
  }

  get size(): number {
    return this.#records.size;
  }

  all(): IterableIterator<JobRecord> {
    return this.#records.values();
  }

  /** Newest first, optionally of one status, at most `limit`. */
  list(status: JobStatus | undefined, limit: number): JobRecord[] {
    this.#ordered ??= [...this.#records.values()].sort(newestFirst);
    const out: JobRecord[] = [];
    for (const r of this.#ordered) {
      if (status && r.status !== status) continue;
      out.push(r);
      if (out.length >= limit) break;
    }
    return out;
  }

  /**
   * Creates the job's folders, lets `beforeRecord` write into them (its first events), then
   * writes job.json; the job dir's fsync makes both entries durable, the jobs dir's fsync the folder.
   */
  async create(record: JobRecord, beforeRecord: () => Promise<void>): Promise<void> {
    await fs.mkdir(this.layout.artifactsDir(record.jobId), { recursive: true });
    await beforeRecord();
    await writeJsonAtomic(this.layout.jobFile(record.jobId), record);
    await fsyncDir(this.layout.jobsDir);
    this.#records.set(record.jobId, record);
    if (this.#ordered) this.#ordered.unshift(record);
  }

  /** Replaces job.json atomically; `durable` also fsyncs (every state transition). */
  async save(record: JobRecord, durable = true): Promise<void> {
    if (record.damaged || !this.#records.has(record.jobId)) return;
    if (durable) await writeJsonAtomic(this.layout.jobFile(record.jobId), record);
    else
      await fs
        .writeFile(this.layout.jobFile(record.jobId) + '.progress.tmp', JSON.stringify(record))
        .then(() => fs.rename(this.layout.jobFile(record.jobId) + '.progress.tmp', this.layout.jobFile(record.jobId)));
  }

  /** Removes the job from the index and its folder from disk. */
  async remove(jobId: string): Promise<void> {
    this.#records.delete(jobId);
    this.#ordered = null;
    await fs.rm(this.layout.jobDir(jobId), { recursive: true, force: true });
  }
}
