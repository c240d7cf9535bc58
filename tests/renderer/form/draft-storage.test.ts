import { describe, expect, it } from 'vitest';
import { clearDraft, DRAFT_STORAGE_KEY, loadDraft, saveDraft } from '../../../src-renderer/form/draft-storage.js';
import { INITIAL_FORM, newScene } from '../../../src-renderer/form/form-state.js';

/** A Map-backed Storage, like the browser's. */
function memoryStorage(initial: Record<string, string> = {}) {
  const map = new Map(Object.entries(initial));
  return {
    map,
    getItem: (key: string) => map.get(key) ?? null,
    setItem: (key: string, value: string) => void map.set(key, value),
    removeItem: (key: string) => void map.delete(key),
  };
}

describe('the form draft', () => {
  it('comes back as it was saved, scenes included', () => {
    const storage = memoryStorage();
    const form = {
      ...INITIAL_FORM,
      title: 'Draft',
      mode: 'scenes' as const,
      scenes: [newScene({ heading: 'H', duration: '3' })],
    };
    saveDraft(storage, form);
    const loaded = loadDraft(storage)!;
    expect(loaded.title).toBe('Draft');
    expect(loaded.scenes.map(({ key: _k, ...s }) => s)).toEqual(form.scenes.map(({ key: _k, ...s }) => s));
    clearDraft(storage);
    expect(loadDraft(storage)).toBeNull();
  });

  it.each([
    ['not JSON', '{oops'],
    ['an array', '[1,2]'],
    ['null', 'null'],
  ])('is ignored when it is %s', (_name, text) => {
    expect(loadDraft(memoryStorage({ [DRAFT_STORAGE_KEY]: text }))).toBeNull();
  });

  it('keeps what is usable of an old or damaged draft and defaults the rest', () => {
    const storage = memoryStorage({
      [DRAFT_STORAGE_KEY]: JSON.stringify({ title: 'Old', fps: 30, scenes: [null, { heading: 7 }] }),
    });
    const loaded = loadDraft(storage)!;
    expect(loaded.title).toBe('Old');
    expect(loaded.fps).toBe(INITIAL_FORM.fps);
    expect(loaded.scenes).toHaveLength(1);
    expect(loaded.scenes[0]!.heading).toBe('');
  });

  it('never throws when storage refuses', () => {
    const refusing = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
      removeItem: () => {
        throw new Error('denied');
      },
    };
    expect(() => saveDraft(refusing, INITIAL_FORM)).not.toThrow();
    expect(loadDraft(refusing)).toBeNull();
    expect(() => clearDraft(refusing)).not.toThrow();
  });
});
