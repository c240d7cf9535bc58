import fs from 'node:fs/promises';
import path from 'node:path';
import { SettingsSchema, type Settings } from '../../src-shared/settings.js';
import { fieldErrors } from '../../src-shared/problem.js';
import { readJsonIfExists, writeJsonAtomic } from './atomic-file.js';
import { EngineError } from './errors.js';
import { throwAsStorageError } from './storage-errors.js';

/** What was wrong with settings.json at start-up (engine warning SETTINGS_CORRUPT). */
export interface SettingsProblem {
  code: 'SETTINGS_CORRUPT';
  message: string;
}

/** `settings.json.corrupt-<time>`: a name that sorts by time and is valid on every OS (no colons). */
export function corruptCopyName(file: string, at = new Date()): string {
  return `${file}.corrupt-${at.toISOString().replaceAll(':', '-')}`;
}

/**
 * settings.json: validated, defaults when absent. A corrupt or invalid file is reported (never
 * silently reset): the engine runs on defaults and the bad file stays where it is until the
 * first save, which first moves it aside to `settings.json.corrupt-<time>`.
 */
export class SettingsStore {
  #current: Settings;
  #listeners = new Set<(s: Settings) => void>();
  #problem: SettingsProblem | null;
  /** Whether the corrupt file still sits at `file` (and must be kept before a save replaces it). */
  #corruptInPlace: boolean;

  private constructor(
    private readonly file: string,
    initial: Settings,
    problem: SettingsProblem | null,
  ) {
    this.#current = initial;
    this.#problem = problem;
    this.#corruptInPlace = problem !== null;
  }

  static async open(file: string, overrides: Partial<Settings> = {}): Promise<SettingsStore> {
    let raw: unknown;
    let why: string | null = null;
    try {
      raw = (await readJsonIfExists(file)) ?? {};
    } catch (error) {
      raw = {};
      why = error instanceof SyntaxError ? 'is not valid JSON' : `could not be read (${String(error)})`;
    }
    let parsed = SettingsSchema.safeParse(raw);
    if (!parsed.success) {
      why = `has invalid values (${fieldErrors(parsed.error.issues)
        .map((e) => `${e.path}: ${e.message}`)
        .join('; ')})`;
      parsed = SettingsSchema.safeParse({});
    }
    const problem: SettingsProblem | null = why
      ? {
          code: 'SETTINGS_CORRUPT',
          message: `${file} ${why}; Aura Studio uses default settings until you fix the file or save settings (the bad file is then kept as settings.json.corrupt-<time>).`,
        }
      : null;
    const merged = SettingsSchema.parse({ ...parsed.data, ...overrides });
    return new SettingsStore(file, merged, problem);
  }

  get(): Settings {
    return this.#current;
  }

  /** The start-up problem with settings.json, if any (it stays reported for this run). */
  get problem(): SettingsProblem | null {
    return this.#problem;
  }

  /** Validates the merged settings, keeps a corrupt file aside, writes them atomically, then applies them. */
  async update(patch: Partial<Settings>): Promise<Settings> {
    const parsed = SettingsSchema.safeParse({ ...this.#current, ...patch });
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error.issues);
      throw new EngineError('VALIDATION_FAILED', errors.map((e) => `${e.path}: ${e.message}`).join('; '));
    }
    try {
      await this.#keepCorruptFile();
      await writeJsonAtomic(this.file, parsed.data);
    } catch (error) {
      throwAsStorageError(error, path.dirname(this.file));
    }
    this.#current = parsed.data;
    for (const listener of this.#listeners) listener(parsed.data);
    return parsed.data;
  }

  /** The user's bad file is evidence, not garbage: copy it aside before the first save overwrites it. */
  async #keepCorruptFile(): Promise<void> {
    if (!this.#corruptInPlace || !this.#problem) return;
    const copy = corruptCopyName(this.file);
    try {
      await fs.copyFile(this.file, copy);
    } catch (error) {
      // Gone already (removed by hand): nothing left to keep.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    this.#corruptInPlace = false;
    this.#problem = {
      code: 'SETTINGS_CORRUPT',
      message: `${this.file} was corrupt at start-up; it was kept as ${copy} and replaced by the settings you saved.`,
    };
  }

  onChange(listener: (s: Settings) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
