import fsSync from 'node:fs';
import fs from 'node:fs/promises';
import { appendAllSync, openFd } from './atomic-file.js';
import { KeyedSerial } from './keyed-serial.js';

const TAIL_LINES = 40;
const TRUNCATION_NOTE = '[… earlier lines removed: the log is size-capped …]\n';

/** Each job's job.log: appended in order, capped (the older half is dropped), with its last lines kept in memory. */
export class JobLogs {
  #serial = new KeyedSerial();
  #sizes = new Map<string, number>();
  #tails = new Map<string, string[]>();

  constructor(
    private readonly fileOf: (jobId: string) => string,
    private readonly maxBytes: () => number,
  ) {}

  /** Appends text (one or many lines); the write happens in the background, in order. */
  append(jobId: string, text: string): void {
    if (!text) return;
    const body = text.endsWith('\n') ? text : text + '\n';
    const tail = this.#tails.get(jobId) ?? [];
    for (const line of body.split('\n')) if (line.trim()) tail.push(line);
    this.#tails.set(jobId, tail.slice(-TAIL_LINES));
    void this.#serial.run(jobId, () => this.#write(jobId, body)).catch(() => undefined);
  }

  /** The last lines written for this job during this engine's life. */
  tail(jobId: string, lines = 20): string[] {
    return (this.#tails.get(jobId) ?? []).slice(-lines);
  }

  forget(jobId: string): void {
    this.#tails.delete(jobId);
    this.#sizes.delete(jobId);
  }

  drain(): Promise<void> {
    return this.#serial.drain();
  }

  /**
   * A job's first write in this process opens the file on the thread pool (it may create it: an
   * entry change, which waits for the file system's journal) and reads its size from the open
   * file; later appends go to the file it knows exists synchronously (a few microseconds into the
   * page cache, where a thread-pool round trip costs ten times that in CPU: see atomic-file.ts).
   * The rare truncation of a full log reads and rewrites it on the pool.
   */
  async #write(jobId: string, body: string): Promise<void> {
    const file = this.fileOf(jobId);
    let size = this.#sizes.get(jobId);
    let fd: number | null = null;
    if (size === undefined) {
      fd = await openFd(file, 'a');
      size = fsSync.fstatSync(fd).size;
    }
    try {
      const cap = this.maxBytes();
      if (size + body.length > cap) {
        const old = await fs.readFile(file, 'utf8').catch(() => '');
        const keep = old.slice(Math.max(0, old.length - Math.floor(cap / 2)));
        const text = TRUNCATION_NOTE + keep.slice(keep.indexOf('\n') + 1) + body;
        await fs.writeFile(file, text);
        this.#sizes.set(jobId, Buffer.byteLength(text));
        return;
      }
      if (fd !== null) appendAllSync(fd, body);
      else fsSync.appendFileSync(file, body);
      this.#sizes.set(jobId, size + Buffer.byteLength(body));
    } finally {
      if (fd !== null) fsSync.closeSync(fd);
    }
  }
}
