import fs from 'node:fs';
import path from 'node:path';
import type { JobEvent } from '../../src-shared/events.js';
import { appendAllSync, fdatasyncFd, fdatasyncFile, fsyncDir } from './atomic-file.js';
import { GroupSync } from './group-sync.js';
import type { JobOrigin } from './record-rebuild.js';

/**
 * One line of the commit log: a job's durable commit (its events; at create, its origin too), or
 * the note that a job was deleted (so a replay never brings it back).
 */
export type CommitEntry = { jobId: string; events: JobEvent[]; origin?: JobOrigin } | { jobId: string; deleted: true };

/** Past this size the current segment is retired and the jobs it covers are made durable on their own. */
const SEGMENT_BYTES = 4 * 1024 * 1024;

/** How many jobs a retirement fsyncs at once: the thread pool's size, leaving the loop free. */
const SYNC_PARALLELISM = 4;

/** A segment's file name: its number, so replay reads them in order. */
export const segmentName = (n: number): string => `${String(n).padStart(8, '0')}.jsonl`;
export const segmentNumber = (name: string): number | null =>
  /^\d{8}\.jsonl$/.test(name) ? Number(name.slice(0, 8)) : null;

/** What a segment's jobs need made durable before the segment may go: each job's files, and whether it was created in it. */
export type Touched = Map<string, { created: boolean }>;

interface Segment {
  file: string;
  /** Open while commits are waiting for their fsync; closed when idle, so nothing holds the disk open for writing. */
  fd: number | null;
  /** Appends so far: a flush that saw none arrive while it ran may close the file. */
  writes: number;
  bytes: number;
  /** Whether its entry in the folder is on disk (fsynced once, at its first flush). */
  entryDurable: boolean;
  group: GroupSync;
  touched: Touched;
}

/** The files of a job that a retired segment vouched for. */
export interface CoveredFiles {
  jobsDir: string;
  jobDir(jobId: string): string;
  eventsFile(jobId: string): string;
  originFile(jobId: string): string;
}

/**
 * fsyncs what the commit log vouched for, a few jobs at a time: each job's events, and for a job
 * created in it, its origin and its folder's entries; then the jobs folder.
 */
export async function syncJobFiles(files: CoveredFiles, jobs: Touched): Promise<void> {
  const all = [...jobs];
  for (let i = 0; i < all.length; i += SYNC_PARALLELISM)
    await Promise.all(
      all.slice(i, i + SYNC_PARALLELISM).map(async ([jobId, { created }]) => {
        await fdatasyncFile(files.eventsFile(jobId));
        if (!created) return;
        await fdatasyncFile(files.originFile(jobId));
        await fsyncDir(files.jobDir(jobId));
      }),
    );
  await fsyncDir(files.jobsDir);
}

/**
 * `<data>/commit-log/`: the write-ahead log of the file backend's durable commits. A job's events
 * go to its own events.jsonl unsynced and, in the same commit, as one line here; one fdatasync of
 * this file then covers every job waiting to commit (group commit), so a transition costs a share
 * of one fsync instead of one or more of its own. When a segment grows past its size it is retired:
 * the files of the jobs it covers are fsynced in the background and the segment removed. Start-up
 * replays what is left (commit-log-replay.ts) before anything reads the jobs.
 */
export class CommitLog {
  #segment: Segment;
  #retired: Segment[] = [];
  #checkpoint: Promise<void> | null = null;

  private constructor(
    private readonly dir: string,
    private readonly files: CoveredFiles,
    next: number,
    private readonly segmentBytes: number,
  ) {
    this.#segment = this.#open(next);
  }

  /**
   * Opens a fresh segment numbered after `lastNumber` (replay has emptied the folder).
   * @param segmentBytes when a segment is retired @default 4 MiB
   */
  static open(dir: string, files: CoveredFiles, lastNumber = 0, segmentBytes = SEGMENT_BYTES): CommitLog {
    fs.mkdirSync(dir, { recursive: true });
    return new CommitLog(dir, files, lastNumber + 1, segmentBytes);
  }

  #open(n: number): Segment {
    const segment: Segment = {
      file: path.join(this.dir, segmentName(n)),
      fd: null,
      writes: 0,
      bytes: 0,
      entryDurable: false,
      group: new GroupSync(() => this.#flush(segment)),
      touched: new Map(),
    };
    return segment;
  }

  /** fdatasyncs what the segment holds; the first time, its entry in the folder too. */
  async #flush(segment: Segment): Promise<void> {
    const fd = segment.fd;
    if (fd === null) return; // nothing written since the last flush closed it
    const writes = segment.writes;
    await fdatasyncFd(fd);
    if (!segment.entryDurable) {
      await fsyncDir(this.dir);
      segment.entryDurable = true;
    }
    if (segment.writes === writes && segment.fd === fd) {
      fs.closeSync(fd);
      segment.fd = null;
    }
  }

  /** Appends `entry` and resolves once it is on disk (one fdatasync shared by every commit waiting). */
  async commit(entry: CommitEntry): Promise<void> {
    const segment = this.#segment;
    const line = JSON.stringify(entry) + '\n';
    segment.fd ??= fs.openSync(segment.file, 'a');
    appendAllSync(segment.fd, line);
    segment.writes++;
    segment.bytes += line.length;
    const touched = segment.touched.get(entry.jobId);
    if ('deleted' in entry) segment.touched.delete(entry.jobId);
    else segment.touched.set(entry.jobId, { created: (touched?.created ?? false) || entry.origin !== undefined });
    const durable = segment.group.sync();
    if (segment.bytes >= this.segmentBytes) this.#rotate();
    await durable;
  }

  /** Notes a deletion without waiting for it to be durable (a failed create cleaning up after itself). */
  noteDeleted(jobId: string): void {
    this.commit({ jobId, deleted: true }).catch(() => undefined);
  }

  #rotate(): void {
    const number = segmentNumber(path.basename(this.#segment.file))!;
    this.#retired.push(this.#segment);
    this.#segment = this.#open(number + 1);
    this.#checkpoint ??= this.#retire().finally(() => (this.#checkpoint = null));
  }

  /** Makes the retired segments' jobs durable on their own, then removes those segments. */
  async #retire(): Promise<void> {
    while (this.#retired.length > 0) {
      const segments = this.#retired.splice(0);
      try {
        // Their last commits must be on disk (and so their writes done) before their jobs are synced.
        await Promise.all(segments.map((s) => s.group.sync()));
        await this.#syncJobs(segments);
        for (const s of segments) {
          if (s.fd !== null) fs.closeSync(s.fd);
          s.fd = null;
          fs.rmSync(s.file, { force: true });
        }
      } catch {
        // A disk that refuses now: keep the segments (replaying them is harmless) and try at the next rotation.
        this.#retired.unshift(...segments);
        return;
      }
    }
  }

  #syncJobs(segments: Segment[]): Promise<void> {
    const jobs: Touched = new Map();
    for (const s of segments)
      for (const [jobId, t] of s.touched)
        jobs.set(jobId, { created: (jobs.get(jobId)?.created ?? false) || t.created });
    return syncJobFiles(this.files, jobs);
  }

  /**
   * At a clean close: every segment retired (its jobs fsynced) and removed, so the next start has
   * nothing to replay. Call after the journal has drained.
   */
  async close(): Promise<void> {
    await this.#checkpoint;
    this.#retired.push(this.#segment);
    await this.#retire();
    for (const s of this.#retired) if (s.fd !== null) fs.closeSync(s.fd);
    await fsyncDir(this.dir);
  }
}
