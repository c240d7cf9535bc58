import { SettingsSchema, type Settings } from '../../src-shared/settings.js';
import { fieldErrors } from '../../src-shared/problem.js';
import { readJsonIfExists, writeJsonAtomic } from './atomic-file.js';
import { EngineError } from './errors.js';

/** settings.json: validated, defaults when absent; a corrupt file is reported and left as it is until the next save. */
export class SettingsStore {
  #current: Settings;
  #listeners = new Set<(s: Settings) => void>();

  private constructor(
    private readonly file: string,
    initial: Settings,
    readonly loadProblem: string | null,
  ) {
    this.#current = initial;
  }

  static async open(file: string, overrides: Partial<Settings> = {}): Promise<SettingsStore> {
    let raw: unknown;
    let problem: string | null = null;
    try {
      raw = (await readJsonIfExists(file)) ?? {};
    } catch {
      raw = {};
      problem = `${file} could not be read; using default settings until they are saved again.`;
    }
    let parsed = SettingsSchema.safeParse(raw);
    if (!parsed.success) {
      problem = `${file} has invalid values (${fieldErrors(parsed.error.issues)
        .map((e) => `${e.path}: ${e.message}`)
        .join('; ')}); using defaults.`;
      parsed = SettingsSchema.safeParse({});
    }
    const merged = SettingsSchema.parse({ ...parsed.data, ...overrides });
    return new SettingsStore(file, merged, problem);
  }

  get(): Settings {
    return this.#current;
  }

  /** Validates the merged settings, writes them atomically, then applies them. */
  async update(patch: Partial<Settings>): Promise<Settings> {
    const parsed = SettingsSchema.safeParse({ ...this.#current, ...patch });
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error.issues);
      throw new EngineError('VALIDATION_FAILED', errors.map((e) => `${e.path}: ${e.message}`).join('; '));
    }
    await writeJsonAtomic(this.file, parsed.data);
    this.#current = parsed.data;
    for (const listener of this.#listeners) listener(parsed.data);
    return parsed.data;
  }

  onChange(listener: (s: Settings) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
