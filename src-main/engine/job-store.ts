import fs from 'node:fs';
import type { JobStatus } from '../../src-shared/job.js';
import { RenderSpecSchema } from '../../src-shared/spec.js';
import { replaceFileUnsynced, writeJsonAtomic, writeSmallFile } from './atomic-file.js';
import type { CommitLog } from './commit-log.js';
import type { JobRecords } from './backend.js';
import type { DataLayout } from './data-dir.js';
import { firstOfStatus, JobRecordSchema, newestFirst, newJobRecord, type JobRecord } from './job-record.js';
import { rebuildRecord, writeJobOrigin } from './record-rebuild.js';

/** A stand-in for a job whose job.json could not be read: listed as failed, never written over. */
export function damagedRecord(jobId: string, reason: string, createdAt: string): JobRecord {
  const title = `Damaged job ${jobId}`;
  // Built by the schema, so the stand-in carries every field a spec has, defaults included.
  const spec = RenderSpecSchema.parse({ title, script: '# Damaged', voice: { engine: 'none' } });
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

const modified = (p: string) => {
  try {
    return fs.statSync(p).mtime.toISOString();
  } catch {
    return new Date(0).toISOString();
  }
};

/** job.json files under `<data>/jobs`, with an in-memory index so listing never reads the disk. */
export class JobStore implements JobRecords {
  #records = new Map<string, JobRecord>();
  /** Newest first; rebuilt lazily after inserts/removals. */
  #ordered: JobRecord[] | null = null;

  private constructor(
    private readonly layout: DataLayout,
    private readonly commitLog: CommitLog,
  ) {}

  /**
   * Loads every job; a corrupt or half-written job.json becomes a damaged entry instead of an error.
   * Reads are synchronous on purpose: at start-up nothing else runs, and 10,000 small reads through
   * the thread pool cost several times more than reading them in a row.
   */
  static async open(layout: DataLayout, commitLog: CommitLog): Promise<JobStore> {
    const store = new JobStore(layout, commitLog);
    fs.mkdirSync(layout.jobsDir, { recursive: true });
    for (const entry of fs.readdirSync(layout.jobsDir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const record = store.#load(entry.name);
      if (record) store.#records.set(entry.name, record);
    }
    return store;
  }

  /** A job's record: job.json, else rebuilt from its log and files, else a damaged stand-in; null for a failed create's leftovers. */
  #load(jobId: string): JobRecord | null {
    const file = this.layout.jobFile(jobId);
    const parsed = this.#read(jobId);
    if ('record' in parsed) return parsed.record;
    const rebuilt = rebuildRecord(this.layout, jobId, parsed.reason, parsed.exists);
    if (rebuilt.kind === 'rebuilt') return rebuilt.record;
    if (rebuilt.kind === 'phantom') {
      try {
        fs.rmSync(this.layout.jobDir(jobId), { recursive: true, force: true });
      } catch {
        // A read-only disk: skip it now, remove it on a later start.
      }
      return null;
    }
    return damagedRecord(jobId, parsed.reason, modified(parsed.exists ? file : this.layout.jobDir(jobId)));
  }

  /** job.json parsed and checked, or why it could not be. */
  #read(jobId: string): { record: JobRecord } | { reason: string; exists: boolean } {
    const file = this.layout.jobFile(jobId);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      return { reason: missing ? 'job.json is missing' : String(error), exists: !missing };
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { reason: 'job.json is corrupt or half-written', exists: true };
    }
    const parsed = JobRecordSchema.safeParse(json);
    if (parsed.success && parsed.data.jobId === jobId) return { record: parsed.data };
    const issue = parsed.success ? null : parsed.error.issues[0];
    const reason = issue ? `invalid ${issue.path.join('.')}: ${issue.message}` : 'its id does not match its folder';
    return { reason, exists: true };
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
    return firstOfStatus(this.newestFirst(), status, limit);
  }

  /**
   * Creates the job's folder and files, none of them synced: `beforeRecord` writes its first events
   * and commits them, with its origin, to the commit log, which is what makes the job durable (a
   * start-up after a power cut puts back from it whatever the folder lost).
   */
  async create(record: JobRecord, beforeRecord: () => Promise<void>): Promise<void> {
    try {
      // The artifacts folder is made when the job first runs.
      await fs.promises.mkdir(this.layout.jobDir(record.jobId));
      await Promise.all([
        writeSmallFile(this.layout.jobFile(record.jobId), JSON.stringify(record)),
        writeJobOrigin(this.layout.originFile(record.jobId), record),
        beforeRecord(),
      ]);
    } catch (error) {
      // The create answers with an error: leave no half-made job to turn up after a restart.
      this.commitLog.noteDeleted(record.jobId);
      await fs.promises.rm(this.layout.jobDir(record.jobId), { recursive: true, force: true }).catch(() => undefined);
      throw error;
    }
    this.#records.set(record.jobId, record);
    if (this.#ordered) this.#ordered.unshift(record);
  }

  /**
   * Replaces job.json atomically; `durable` also fsyncs it (what only job.json holds, such as a
   * queue move). Other saves are not fsynced: a state transition is durable in the job's event
   * log first (Journal), and start-up takes a newer logged state or rebuilds a torn job.json.
   */
  async save(record: JobRecord, durable = true): Promise<void> {
    if (record.damaged || !this.#records.has(record.jobId)) return;
    const file = this.layout.jobFile(record.jobId);
    if (durable) {
      await writeJsonAtomic(file, record);
      return;
    }
    await replaceFileUnsynced(file, JSON.stringify(record));
  }

  /** Removes the job from the index and its folder from disk. */
  async remove(jobId: string): Promise<void> {
    // Logged as deleted first, so a replay never brings it back; a full disk that cannot log it
    // still lets it go (deleting is how a full disk is freed).
    await this.commitLog.commit({ jobId, deleted: true }).catch(() => undefined);
    // Removed from disk first: a disk that refuses leaves the job listed, as a restart would show it.
    await fs.promises.rm(this.layout.jobDir(jobId), { recursive: true, force: true });
    this.#records.delete(jobId);
    this.#ordered = null;
  }
}
