import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SETTINGS, type Settings } from '../../../src-shared/settings.js';
import { RenderSpecSchema, type RenderSpecInput } from '../../../src-shared/spec.js';
import type { StepContext } from '../../../src-main/engine/step.js';

/** What a step did through its context, for assertions. */
export interface StepRecord {
  progress: number[];
  warnings: { code: string; message: string }[];
  artifacts: { name: string; type: string; sizeBytes: number }[];
  raw: string[];
  markDone: string[];
}

/**
 * A StepContext over real directories in a temp dir, for running one pipeline step on its own
 * (the engine's runner is tested by the engine's tests; engine-level pipeline tests use createEngine).
 */
export async function makeStepContext(
  specInput: RenderSpecInput,
  options: { settings?: Partial<Settings>; root?: string; signal?: AbortSignal } = {},
): Promise<{ ctx: StepContext; record: StepRecord; root: string; cleanup: () => Promise<void> }> {
  const root = options.root ?? (await mkdtemp(join(tmpdir(), 'aura-step-')));
  const dirs = {
    tempDir: join(root, 'temp', 'job1'),
    proxyDir: join(root, 'proxy', 'job1'),
    artifactsDir: join(root, 'artifacts'),
  };
  for (const dir of Object.values(dirs)) await mkdir(dir, { recursive: true });
  const record: StepRecord = { progress: [], warnings: [], artifacts: [], raw: [], markDone: [] };
  const done = new Map<string, { hash: string; outputs: string[] }>();
  const ctx: StepContext = {
    jobId: 'job1',
    spec: RenderSpecSchema.parse(specInput),
    settings: { ...DEFAULT_SETTINGS, ...options.settings },
    signal: options.signal ?? new AbortController().signal,
    ...dirs,
    progress: (pct) => record.progress.push(pct),
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {}, raw: (t) => record.raw.push(t) },
    warn: (code, message) => record.warnings.push({ code, message }),
    checkpoint: {
      isDone: async (key, hash) => {
        const entry = done.get(key);
        return entry !== undefined && entry.hash === hash && entry.outputs.every((o) => existsSync(o));
      },
      markDone: async (key, hash, outputs) => {
        done.set(key, { hash, outputs });
        record.markDone.push(key);
      },
    },
    addArtifact: async (name, type) => {
      record.artifacts.push({ name, type, sizeBytes: (await stat(join(dirs.artifactsDir, name))).size });
    },
  };
  return { ctx, record, root, cleanup: () => rm(root, { recursive: true, force: true }) };
}
