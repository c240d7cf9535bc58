import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine, type Engine } from '../../src-main/engine/engine.js';
import type { EngineEvent } from '../../src-main/engine/engine-api.js';
import { createPipelineSteps } from '../../src-main/pipeline/index.js';
import type { Settings } from '../../src-shared/settings.js';
import { RenderSpecSchema, type RenderSpec } from '../../src-shared/spec.js';

/** The repository's root (bench/render/ is two levels down). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The 12-scene 1280×720 30 fps narrated benchmark spec (docs/specs/). */
export function benchSpec(): RenderSpec {
  const path = join(REPO_ROOT, 'docs', 'specs', 'bench-12-scenes.json');
  return RenderSpecSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

/** An engine running the real pipeline; the cleanup timer is kept out of the measurements. */
export function pipelineEngine(dataDir: string, settings: Partial<Settings> = {}): Promise<Engine> {
  return createEngine({
    dataDir,
    steps: createPipelineSteps,
    settings: { cleanupInitialDelayMinutes: 600, ...settings },
  });
}

/** Resolves with the first event matching `predicate` (no timeout: a benchmark waits). */
export function nextEvent(engine: Engine, predicate: (e: EngineEvent) => boolean): Promise<EngineEvent> {
  return new Promise((resolve) => {
    const off = engine.subscribe((e) => {
      if (predicate(e)) {
        off();
        resolve(e);
      }
    });
  });
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

export const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

/** `--name value` from argv, else the default. */
export function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  return Number.isFinite(value) ? value : fallback;
}
