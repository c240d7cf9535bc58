import crypto from 'node:crypto';
import fsSync from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { appendAllSync, openFd } from './atomic-file.js';
import { z } from 'zod';
import { KeyedSerial } from './keyed-serial.js';
import { makeFolder } from './make-folder.js';
import type { Checkpoints } from './step.js';

const EntrySchema = z.object({
  key: z.string(),
  inputsHash: z.string(),
  outputs: z.array(z.string()),
  /** Byte size of each output when it was recorded: a truncated file does not count as done. */
  sizes: z.array(z.number()).optional(),
  at: z.string(),
});
type Entry = z.infer<typeof EntrySchema>;

/** A stable hash of any JSON-able value (key order does not matter). */
export function hashInputs(value: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
          )
        : v;
  return crypto
    .createHash('sha256')
    .update(JSON.stringify(canonical(value)))
    .digest('hex');
}

/** The latest entry per key from checkpoints.jsonl text; torn or corrupt lines only cost redone work. */
export function parseCheckpointLines(text: string): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  for (const line of text.split('\n')) {
    if (!line) continue;
    try {
      const parsed = EntrySchema.safeParse(JSON.parse(line));
      if (parsed.success) entries.set(parsed.data.key, parsed.data);
    } catch {
      // skip it
    }
  }
  return entries;
}

/** Size of a file, or null when it is not there. */
const sizeOf = (file: string) =>
  fs.stat(file).then(
    (s) => s.size,
    () => null,
  );

/** fsyncs a file's data (ffmpeg does not) and returns its size. */
async function flushFile(file: string): Promise<number> {
  const handle = await fs.open(file, 'r+');
  try {
    await handle.datasync();
    return (await handle.stat()).size;
  } finally {
    await handle.close();
  }
}

/** One attempt's view of its checkpoints; `close` ends its kept-open file (before temp is removed). */
export interface AttemptCheckpoints extends Checkpoints {
  close(): Promise<void>;
}

/** Opens `file` for appending, making its folder first when it is missing (swept, or never made). */
async function openForAppend(file: string): Promise<number> {
  try {
    return await openFd(file, 'a');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await makeFolder(path.dirname(file));
    return openFd(file, 'a');
  }
}

/**
 * `<temp>/<jobId>/checkpoints.jsonl`: finished units of a job, one line each (with the size of
 * each output), kept with the temp files they vouch for (sweeping temp forgets them too).
 */
export class CheckpointStore {
  #serial = new KeyedSerial();

  constructor(private readonly tempDirOf: (jobId: string) => string) {}

  #file(jobId: string): string {
    return path.join(this.tempDirOf(jobId), 'checkpoints.jsonl');
  }

  /** Read synchronously: a small file, and a first attempt has none (a missing file costs no thread-pool trip). */
  async #read(jobId: string): Promise<Map<string, Entry>> {
    let text = '';
    try {
      text = fsSync.readFileSync(this.#file(jobId), 'utf8');
    } catch {
      // missing or unreadable: nothing is done yet
    }
    return parseCheckpointLines(text);
  }

  /**
   * Flushes the outputs to disk, then appends the record. The record is not fsynced: losing it
   * in a power cut only means the unit is done again, and it can never vouch for an output that
   * is not on disk.
   */
  async #append(fd: () => Promise<number>, key: string, inputsHash: string, outputs: string[]): Promise<Entry> {
    const sizes = await Promise.all(outputs.map(flushFile));
    const entry: Entry = { key, inputsHash, outputs, sizes, at: new Date().toISOString() };
    // A line after a torn one must start on its own line.
    appendAllSync(await fd(), `\n${JSON.stringify(entry)}\n`);
    return entry;
  }

  /**
   * The Checkpoints of one attempt of a job: the file is read once, on first use, and kept in
   * step with what this attempt records (a new attempt reads it afresh). Its file stays open for
   * the attempt's next record until `close`; a record after that (a step abandoned on abort that
   * still finishes) opens and closes it once. `fresh`: the attempt has just made the job's temp
   * folder, so there is no file to read.
   */
  forAttempt(jobId: string, fresh = false): AttemptCheckpoints {
    let view: Promise<Map<string, Entry>> | undefined = fresh ? Promise.resolve(new Map()) : undefined;
    const entries = () => (view ??= this.#read(jobId));
    let kept: number | null = null;
    let closed = false;
    const keptOpen = async () => (kept ??= await openForAppend(this.#file(jobId)));
    const record = (key: string, inputsHash: string, outputs: string[]) =>
      this.#serial.run(jobId, async () => {
        if (!closed) return this.#append(keptOpen, key, inputsHash, outputs);
        let once: number | null = null;
        try {
          return await this.#append(
            async () => (once = await openForAppend(this.#file(jobId))),
            key,
            inputsHash,
            outputs,
          );
        } finally {
          if (once !== null) fsSync.closeSync(once);
        }
      });
    return {
      isDone: async (key, inputsHash) => {
        const entry = (await entries()).get(key);
        if (!entry || entry.inputsHash !== inputsHash) return false;
        const sizes = await Promise.all(entry.outputs.map(sizeOf));
        return sizes.every((size, i) => size !== null && (entry.sizes === undefined || size === entry.sizes[i]));
      },
      markDone: async (key, inputsHash, outputs) => {
        const entry = await record(key, inputsHash, outputs);
        (await entries()).set(key, entry);
      },
      close: () =>
        this.#serial.run(jobId, () => {
          closed = true;
          if (kept !== null) fsSync.closeSync(kept);
          kept = null;
          return Promise.resolve();
        }),
    };
  }

  drain(): Promise<void> {
    return this.#serial.drain();
  }
}
