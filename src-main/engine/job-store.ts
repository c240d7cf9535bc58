import fs from 'node:fs';
import type { JobStatus } from '../../src-shared/job.js';
import { fsyncDir, writeJsonAtomic } from './atomic-file.js';
import type { JobRecords } from './backend.js';
import type { DataLayout } from './data-dir.js';
import { JobRecordSchema, newJobRecord, type JobRecord } from './job-record.js';

/** Newest first: createdAt descending, then id (ids are time-ordered). */
const newestFirst = (a: JobRecord, b: JobRecord): number =>
  a.createdAt === b.createdAt ? (a.jobId < b.jobId ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1;

/** A stand-in for a job whose job.json could not be read: listed as failed, never written over. */
function damagedRecord(jobId: string, reason: string, createdAt: string): JobRecord {
  const title = `Damaged job ${jobId}`;
  const spec = {
    title,
    script: '# Damaged',
    voice: { engine: 'none', voice: 'en', rate: 170 },
    output: { width: 1280, height: 720, fps: 30, quality: 'standard' },
  } as const;
  return {
    ...newJobRecord(jobId, spec, [], createdAt),
    status: 'failed',
    endedAt: createdAt,
    error: {
      code: 'JOB_DAMAGED',
      message: `The job's record could not be read (${reason}). Its files are kept; delete the job to remove them.`,
      step: null,
      suggestedActions: ['Delete the job and render its script again.'],
      logTail: [],
    },
    damaged: true,
  };
}

/** job.json files under `<data>/jobs`, with an in-memory index so listing never reads the disk. */
export class JobStore implements JobRecords {
  #records = new Map<string, JobRecord>();
  /** Newest first; rebuilt lazily after inserts/removals. */
  #ordered: JobRecord[] | null = null;

  private constructor(private readonly layout: DataLayout) {}

  /**
   * Loads every job; a corrupt or half-written job.json becomes a damaged entry instead of an error.
   * Reads are synchronous on purpose: at start-up nothing else runs, and 10,000 small reads through
   * the thread pool cost several times more than reading them in a row.
   */
  static async open(layout: DataLayout): Promise<JobStore> {
    const store = new JobStore(layout);
    fs.mkdirSync(layout.jobsDir, { recursive: true });
    for (const entry of fs.readdirSync(layout.jobsDir, { withFileTypes: true })) {
      if (entry.isDirectory()) store.#records.set(entry.name, store.#load(entry.name));
    }
    return store;
  }

  #load(jobId: string): JobRecord {
    const file = this.layout.jobFile(jobId);
    const modified = (p: string) => {
      try {
        return fs.statSync(p).mtime.toISOString();
      } catch {
        return new Date(0).toISOString();
      }
    };
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      return damagedRecord(jobId, missing ? 'job.json is missing' : String(error), modified(this.layout.jobDir(jobId)));
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return damagedRecord(jobId, 'job.json is corrupt or half-written', modified(file));
    }
    const parsed = JobRecordSchema.safeParse(json);
    if (parsed.success && parsed.data.jobId === jobId) return parsed.data;
    const issue = parsed.success ? null : parsed.error.issues[0];
    const reason = issue ? `invalid ${issue.path.join('.')}: ${issue.message}` : 'its id does not match its folder';
    return damagedRecord(jobId, reason, modified(file));
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

  /** Every record, newest first (the store's own cached array: read it, never change it). */
  newestFirst(): readonly JobRecord[] {
    return (this.#ordered ??= [...this.#records.values()].sort(newestFirst));
  }

  /** Newest first, optionally of one status, at most `limit`. */
  list(status: JobStatus | undefined, limit: number): JobRecord[] {
    const out: JobRecord[] = [];
    for (const r of this.newestFirst()) {
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
    await fs.promises.mkdir(this.layout.artifactsDir(record.jobId), { recursive: true });
    await beforeRecord();
    await writeJsonAtomic(this.layout.jobFile(record.jobId), record);
    await fsyncDir(this.layout.jobsDir);
    this.#records.set(record.jobId, record);
    if (this.#ordered) this.#ordered.unshift(record);
  }

  /** Replaces job.json atomically; `durable` also fsyncs (state transitions); progress saves skip the fsync. */
  async save(record: JobRecord, durable = true): Promise<void> {
    if (record.damaged || !this.#records.has(record.jobId)) return;
    const file = this.layout.jobFile(record.jobId);
    if (durable) {
      await writeJsonAtomic(file, record);
      return;
    }
    await fs.promises.writeFile(`${file}.progress.tmp`, JSON.stringify(record));
    await fs.promises.rename(`${file}.progress.tmp`, file);
  }

  /** Removes the job from the index and its folder from disk. */
  async remove(jobId: string): Promise<void> {
    this.#records.delete(jobId);
    this.#ordered = null;
    await fs.promises.rm(this.layout.jobDir(jobId), { recursive: true, force: true });
  }
}
