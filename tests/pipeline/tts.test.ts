import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseTts, estimateSpeechSec, synthesize } from '../../src-main/pipeline/tts.js';
import { parseWavHeader } from '../../src-main/pipeline/wav.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { ESPEAK } from './helpers/pipeline-engine.js';

const voice = { engine: 'auto' as const, voice: 'en', rate: 170 };

describe('estimateSpeechSec', () => {
  it.each([
    ['', 170, 2],
    ['one two three', 170, 2],
    [Array.from({ length: 170 }, () => 'word').join(' '), 170, 60],
    [Array.from({ length: 100 }, () => 'word').join('\n'), 200, 30],
  ])('%#: %s words at %s wpm', (text, rate, seconds) => {
    expect(estimateSpeechSec(text, rate)).toBeCloseTo(seconds, 6);
  });
});

describe('chooseTts', () => {
  it('engine none is always silence', async () => {
    expect(await chooseTts({ ...voice, engine: 'none' })).toMatchObject({ kind: 'silence' });
  });
  it.skipIf(!ESPEAK)('espeak-ng on PATH is used for auto and espeak', async () => {
    const PATH = dirname(ESPEAK!);
    expect(await chooseTts(voice, { PATH })).toEqual({ kind: 'espeak', path: ESPEAK });
    expect(await chooseTts({ ...voice, engine: 'espeak' }, { PATH })).toMatchObject({ kind: 'espeak' });
  });
  it('with nothing on PATH (Linux) narration falls back to silence, saying why', async () => {
    const tts = await chooseTts(voice, { PATH: '' });
    expect(tts).toMatchObject({ kind: 'silence' });
    expect(tts.kind === 'silence' && tts.reason).toMatch(/espeak-ng/);
  });
});

describe('synthesize', () => {
  it.skipIf(!ESPEAK)('writes a WAV with espeak-ng, and a silent WAV of the reading time for silence', async () => {
    const temp = makeTempDir('aura-tts-');
    try {
      const text = 'Hello from the speech test.';
      const spoken = join(temp.dir, 'spoken.wav');
      await synthesize({ kind: 'espeak', path: ESPEAK! }, voice, text, join(temp.dir, 'a.txt'), spoken, {});
      const bytes = readFileSync(spoken);
      const info = parseWavHeader(bytes, bytes.byteLength);
      expect(info?.durationSec).toBeGreaterThan(1);
      expect(bytes.subarray(44).some((b) => b !== 0)).toBe(true);

      const silent = join(temp.dir, 'silent.wav');
      await synthesize({ kind: 'silence', reason: 'test' }, voice, text, join(temp.dir, 'b.txt'), silent, {});
      const quiet = readFileSync(silent);
      expect(parseWavHeader(quiet, quiet.byteLength)?.durationSec).toBeCloseTo(2, 3);
    } finally {
      temp.cleanup();
    }
  });
});
