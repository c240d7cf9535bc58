import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { readJsonIfExists, writeJsonAtomic } from './atomic-file.js';
import type { Checkpoints } from './step.js';
import { KeyedSerial } from './keyed-serial.js';

const CheckpointFileSchema = z.object({
  schemaVersion: z.literal(1),
  entries: z.record(z.string(), z.object({ inputsHash: z.string(), outputs: z.array(z.string()), at: z.string() })),
});
type CheckpointFile = z.infer<typeof CheckpointFileSchema>;

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

const exists = (file: string) =>
  fs.access(file).then(
    () => true,
    () => false,
  );

/** `<temp>/<jobId>/checkpoints.json`: finished units of a job, kept with its temp files (what resume needs). */
export class CheckpointStore {
  #serial = new KeyedSerial();

  constructor(private readonly tempDirOf: (jobId: string) => string) {}

  #file(jobId: string): string {
    return path.join(this.tempDirOf(jobId), 'checkpoints.json');
  }

  async #read(jobId: string): Promise<CheckpointFile> {
    try {
      const parsed = CheckpointFileSchema.safeParse(await readJsonIfExists(this.#file(jobId)));
      if (parsed.success) return parsed.data;
    } catch {
      // a corrupt checkpoint file only costs redoing work
    }
    return { schemaVersion: 1, entries: {} };
  }

  /** The Checkpoints a step of this job sees. */
  forJob(jobId: string): Checkpoints {
    return {
      isDone: async (key, inputsHash) => {
        const entry = (await this.#read(jobId)).entries[key];
        if (!entry || entry.inputsHash !== inputsHash) return false;
        const present = await Promise.all(entry.outputs.map(exists));
        return present.every(Boolean);
      },
      markDone: (key, inputsHash, outputs) =>
        this.#serial.run(jobId, async () => {
          const file = await this.#read(jobId);
          file.entries[key] = { inputsHash, outputs, at: new Date().toISOString() };
          await fs.mkdir(this.tempDirOf(jobId), { recursive: true });
          await writeJsonAtomic(this.#file(jobId), file);
        }),
    };
  }

  drain(): Promise<void> {
    return this.#serial.drain();
  }
}
