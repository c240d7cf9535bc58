import fs from 'node:fs';
import type { EventDataMap, JobEvent, JobEventType } from '../../src-shared/events.js';
import { EVENT_TYPES, TERMINAL_EVENT_TYPES } from '../../src-shared/events.js';
import { appendAllSync, openFd } from './atomic-file.js';

/** What opening a job's log found. */
export interface OpenedLog {
  lastSeq: number;
  /** The last `job-status` event: what the job's state was when the log was last written. */
  lastStatus: JobEvent<'job-status'> | null;
  /** The last terminal event (job-completed, job-failed, job-canceled). */
  lastEnd: JobEvent<'job-completed' | 'job-failed' | 'job-canceled'> | null;
}

const KNOWN_TYPES: ReadonlySet<string> = new Set(EVENT_TYPES);

/** Whether a parsed line is an event of a known type with a seq (what a log line must be). */
export function isJobEvent(value: unknown): value is JobEvent {
  const e = value as Partial<JobEvent> | null;
  return typeof e === 'object' && e !== null && Number.isInteger(e.seq) && KNOWN_TYPES.has(e.type as string);
}

/** Parses events.jsonl text; a torn or corrupt line (a crash mid-append) is skipped, never fatal. */
export function parseEventLines(text: string): { events: JobEvent[]; validBytes: number } {
  const events: JobEvent[] = [];
  let offset = 0;
  let validBytes = 0;
  while (offset < text.length) {
    const newline = text.indexOf('\n', offset);
    if (newline === -1) break; // unterminated last line: torn write
    const line = text.slice(offset, newline);
    offset = newline + 1;
    try {
      const parsed: unknown = JSON.parse(line);
      if (isJobEvent(parsed)) {
        events.push(parsed);
        validBytes = Buffer.byteLength(text.slice(0, offset));
      }
    } catch {
      // a corrupt line in the middle: skip it, keep the rest
    }
  }
  return { events, validBytes };
}

/** events.jsonl: append-only, one JSON event a line, `seq` per job from 1. */
export class EventLog {
  #lastSeq = new Map<string, number>();
  /** File descriptors kept open between a running job's appends. */
  #open = new Map<string, number>();

  constructor(private readonly fileOf: (jobId: string) => string) {}

  /**
   * Reads the log, drops a torn tail so appends start on a clean line, and remembers the last seq.
   * Returns the last seq and the last status the log recorded (it may be newer than job.json).
   */
  async open(jobId: string): Promise<OpenedLog> {
    const file = this.fileOf(jobId);
    let text = '';
    try {
      text = await fs.promises.readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const { events, validBytes } = parseEventLines(text);
    if (validBytes < Buffer.byteLength(text)) await fs.promises.truncate(file, validBytes);
    const last = events.reduce((max, e) => Math.max(max, e.seq), 0);
    this.#lastSeq.set(jobId, last);
    const lastStatus = events.findLast((e): e is JobEvent<'job-status'> => e.type === 'job-status') ?? null;
    const lastEnd =
      events.findLast((e): e is JobEvent<'job-completed' | 'job-failed' | 'job-canceled'> =>
        TERMINAL_EVENT_TYPES.has(e.type),
      ) ?? null;
    return { lastSeq: last, lastStatus, lastEnd };
  }

  /** Starts the seq counter of a new job or one whose last seq is known from its record. */
  setLastSeq(jobId: string, seq: number): void {
    this.#lastSeq.set(jobId, seq);
  }

  lastSeq(jobId: string): number | undefined {
    return this.#lastSeq.get(jobId);
  }

  forget(jobId: string): void {
    this.#lastSeq.delete(jobId);
  }

  /** Assigns the next seq (synchronously, so callers order events) and builds the event. */
  next<T extends JobEventType>(jobId: string, type: T, data: EventDataMap[T]): JobEvent<T> {
    const seq = (this.#lastSeq.get(jobId) ?? 0) + 1;
    this.#lastSeq.set(jobId, seq);
    return { seq, ts: Date.now(), jobId, type, data } as JobEvent<T>;
  }

  /**
   * Appends events in one write (into the page cache, synchronously: see atomic-file.ts; the
   * commit log is what makes a transition durable). With `keepOpen` the file stays open for the
   * job's next append (a running job's stream of progress); otherwise it is closed after.
   * Appends of one job must not overlap (the Journal runs them in order).
   */
  async append(jobId: string, events: JobEvent[], keepOpen: boolean): Promise<void> {
    // A file that could not be opened (its folder vanished, a read-only disk) is tried afresh next time.
    const fd = this.#open.get(jobId) ?? (await openFd(this.fileOf(jobId), 'a'));
    this.#open.delete(jobId);
    try {
      if (events.length > 0) appendAllSync(fd, events.map((e) => JSON.stringify(e)).join('\n') + '\n');
    } catch (error) {
      fs.closeSync(fd);
      throw error;
    }
    if (keepOpen) this.#open.set(jobId, fd);
    else fs.closeSync(fd);
  }

  /** Closes the job's kept-open file, if any. */
  release(jobId: string): Promise<void> {
    const fd = this.#open.get(jobId);
    this.#open.delete(jobId);
    if (fd !== undefined) fs.closeSync(fd);
    return Promise.resolve();
  }

  async releaseAll(): Promise<void> {
    await Promise.all([...this.#open.keys()].map((id) => this.release(id)));
  }

  /** Every event with seq > afterSeq, in order. */
  async read(jobId: string, afterSeq: number): Promise<JobEvent[]> {
    let text: string;
    try {
      text = await fs.promises.readFile(this.fileOf(jobId), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return parseEventLines(text).events.filter((e) => e.seq > afterSeq);
  }
}
