import { describe, expect, it } from 'vitest';
import { isAdvancedSlot, staleErrors } from '../../../src-renderer/form/error-slots.js';
import type { FormState } from '../../../src-renderer/form/form-state.js';

describe('staleErrors', () => {
  it.each<[keyof FormState, string, boolean]>([
    ['title', 'title', true],
    ['title', 'script', false],
    ['scenes', 'scenes.3.image', true],
    ['scenes', 'scenes', true],
    ['customWidth', 'output.size', true],
    ['musicPath', 'music.path', true],
    ['musicVolumeDb', 'music.path', false],
    ['transitionSec', 'transition', true],
    ['chapters', 'form', false],
  ])('changing %s clears %s: %s', (field, slot, stale) => {
    expect(staleErrors(field)(slot)).toBe(stale);
  });
});

describe('isAdvancedSlot', () => {
  it.each([
    ['music.path', true],
    ['voice.rate', true],
    ['output.encoder', true],
    ['thumbnail', true],
    ['voice.engine', false],
    ['output.size', false],
    ['title', false],
  ])('%s → %s', (slot, advanced) => {
    expect(isAdvancedSlot(slot)).toBe(advanced);
  });
});
