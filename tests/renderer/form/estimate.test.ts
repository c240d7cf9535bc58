import { describe, expect, it } from 'vitest';
import { estimateVideo } from '../../../src-renderer/form/estimate.js';
import { formToSpec } from '../../../src-renderer/form/form-spec.js';
import { INITIAL_FORM, newScene } from '../../../src-renderer/form/form-state.js';
import { RenderSpecSchema } from '../../../src-shared/spec.js';
import { expectedVideoSeconds } from '../../../src-shared/video-length.js';

const words = (n: number) => Array.from({ length: n }, () => 'word').join(' ');

describe('estimateVideo', () => {
  it('reads a script at the speaking rate, each scene at least 2 s', () => {
    const form = { ...INITIAL_FORM, script: `# One\n${words(170)}\n\n# Two\nShort.` };
    expect(estimateVideo(form)).toEqual({ seconds: 62, scenes: 2 });
    expect(estimateVideo({ ...form, rate: '340' })).toEqual({ seconds: 32, scenes: 2 });
  });

  it('adds explicit durations for scenes that have one', () => {
    const form = {
      ...INITIAL_FORM,
      mode: 'scenes' as const,
      scenes: [newScene({ narration: 'a b c', duration: '7.5' }), newScene({ narration: '' })],
    };
    expect(estimateVideo(form)).toEqual({ seconds: 9.5, scenes: 2 });
  });

  it('is nothing for an empty form, and ignores numbers the spec would refuse', () => {
    expect(estimateVideo(INITIAL_FORM)).toEqual({ seconds: 0, scenes: 0 });
    expect(estimateVideo({ ...INITIAL_FORM, rate: '5', script: words(340) }).seconds).toBe(120);
    const scenes = [newScene({ narration: words(340), duration: '9000' })];
    expect(estimateVideo({ ...INITIAL_FORM, mode: 'scenes', scenes }).seconds).toBe(120);
  });

  it('says what the queue will expect of the job once it is queued', () => {
    const form = {
      ...INITIAL_FORM,
      title: 'Same',
      rate: '200',
      mode: 'scenes' as const,
      scenes: [newScene({ narration: words(50), duration: '3' }), newScene({ narration: words(90) })],
    };
    const spec = RenderSpecSchema.parse(formToSpec(form));
    expect(estimateVideo(form).seconds).toBeCloseTo(expectedVideoSeconds(spec), 1);
  });
});
