import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { fsyncDir } from './atomic-file.js';
import { KeyedSerial } from './keyed-serial.js';
import type { Checkpoints } from './step.js';

const EntrySchema = z.object({ key: z.string(), inputsHash: z.string(), outputs: z.array(z.string()), at: z.string() });
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

const exists = (file: string) =>
  fs.access(file).then(
    () => true,
    () => false,
  );

/**
 * `<temp>/<jobId>/checkpoints.jsonl`: finished units of a job, appended and fdatasynced one line
 * each, kept with the temp files they vouch for (sweeping temp forgets them too).
 */
export class CheckpointStore {
  #serial = new KeyedSerial();

  constructor(private readonly tempDirOf: (jobId: string) => string) {}

  #file(jobId: string): string {
    return path.join(this.tempDirOf(jobId), 'checkpoints.jsonl');
  }

  async #read(jobId: string): Promise<Map<string, Entry>> {
    const text = await fs.readFile(this.#file(jobId), 'utf8').catch(() => '');
    return parseCheckpointLines(text);
  }

  async #append(jobId: string, entry: Entry): Promise<void> {
    const dir = this.tempDirOf(jobId);
    await fs.mkdir(dir, { recursive: true });
    const isNew = !(await exists(this.#file(jobId)));
    const handle = await fs.open(this.#file(jobId), 'a');
    try {
      // A line after a torn one must start on its own line.
      await handle.write(`\n${JSON.stringify(entry)}\n`);
      await handle.datasync();
    } finally {
      await handle.close();
    }
    if (isNew) await fsyncDir(dir);
  }

  /**
   * The Checkpoints of one attempt of a job: the file is read once, on first use, and kept in
   * step with what this attempt records (a new attempt reads it afresh).
   */
  forAttempt(jobId: string): Checkpoints {
    let view: Promise<Map<string, Entry>> | undefined;
    const entries = () => (view ??= this.#read(jobId));
    return {
      isDone: async (key, inputsHash) => {
        const entry = (await entries()).get(key);
        if (!entry || entry.inputsHash !== inputsHash) return false;
        return (await Promise.all(entry.outputs.map(exists))).every(Boolean);
      },
      markDone: async (key, inputsHash, outputs) => {
        const entry = { key, inputsHash, outputs, at: new Date().toISOString() };
        await this.#serial.run(jobId, () => this.#append(jobId, entry));
        (await entries()).set(key, entry);
      },
    };
  }

  drain(): Promise<void> {
    return this.#serial.drain();
  }
}
