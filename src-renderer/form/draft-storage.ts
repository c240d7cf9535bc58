/**
 * The form's draft in localStorage: saved as the user types, read back after a reload, and
 * removed only once a job is really queued. A draft that does not parse is ignored, never thrown.
 */
import { INITIAL_FORM, newScene, type FormState, type SceneDraft } from './form-state.js';

export const DRAFT_STORAGE_KEY = 'aura.render-form.draft.v1';

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The saved draft merged over the initial form (fields added since it was saved get defaults). */
export function loadDraft(storage: Storage | undefined): FormState | null {
  let text: string | null;
  try {
    text = storage?.getItem(DRAFT_STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
  if (!text) return null;
  let saved: unknown;
  try {
    saved = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof saved !== 'object' || saved === null || Array.isArray(saved)) return null;
  const draft: FormState = { ...INITIAL_FORM };
  for (const [key, initial] of Object.entries(INITIAL_FORM) as [keyof FormState, unknown][]) {
    const value = (saved as Record<string, unknown>)[key];
    if (key === 'scenes') continue;
    if (typeof value === typeof initial) (draft as unknown as Record<string, unknown>)[key] = value;
  }
  const scenes = (saved as { scenes?: unknown }).scenes;
  if (Array.isArray(scenes)) {
    draft.scenes = scenes
      .filter((s): s is Record<string, unknown> => typeof s === 'object' && s !== null)
      .map((s) => {
        const fields: Record<string, string> = {};
        for (const key of ['heading', 'narration', 'background', 'image', 'motion', 'fit', 'duration']) {
          if (typeof s[key] === 'string') fields[key] = s[key];
        }
        return newScene(fields as Partial<Omit<SceneDraft, 'key'>>);
      });
  }
  return draft;
}

/** Saves the draft; a full or refused storage only costs the draft, never the form. */
export function saveDraft(storage: Storage | undefined, form: FormState): void {
  try {
    storage?.setItem(DRAFT_STORAGE_KEY, JSON.stringify(form));
  } catch {
    // Quota or privacy mode: the form keeps working without a saved draft.
  }
}

export function clearDraft(storage: Storage | undefined): void {
  try {
    storage?.removeItem(DRAFT_STORAGE_KEY);
  } catch {
    // as above
  }
}

/** The window's localStorage, or undefined where it is refused (privacy modes throw on access). */
export function browserStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}
