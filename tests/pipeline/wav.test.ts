import { describe, expect, it } from 'vitest';
import { parseWavHeader, silentWav } from '../../src-main/pipeline/wav.js';

/** A WAV header like espeak-ng writes (22050 Hz mono 16-bit), with an optional extra chunk. */
function header(dataSize: number, extraChunk = false): Uint8Array {
  const parts: number[] = [];
  const str = (s: string) => [...s].forEach((c) => parts.push(c.charCodeAt(0)));
  const u32 = (n: number) => parts.push(n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255);
  const u16 = (n: number) => parts.push(n & 255, (n >>> 8) & 255);
  str('RIFF');
  u32(36 + dataSize);
  str('WAVE');
  if (extraChunk) {
    str('LIST');
    u32(3);
    parts.push(1, 2, 3, 0); // odd size: padded to even
  }
  str('fmt ');
  u32(16);
  u16(1);
  u16(1);
  u32(22050);
  u32(44100);
  u16(2);
  u16(16);
  str('data');
  u32(dataSize);
  return Uint8Array.from(parts);
}

describe('parseWavHeader', () => {
  it.each([
    ['espeak-ng header, 1 s', header(44100), 44 + 44100, 1],
    ['extra chunk before fmt', header(22050, true), 56 + 22050, 0.5],
    ['streamed header (size 0xFFFFFFFF): the file decides', header(0xffffffff), 44 + 88200, 2],
    ['size 0: the file decides', header(0), 44 + 44100, 1],
    ['truncated file: capped by what is there', header(88200), 44 + 22050, 0.5],
  ])('%s', (_name, head, fileSize, seconds) => {
    expect(parseWavHeader(head, fileSize)?.durationSec).toBeCloseTo(seconds, 6);
  });

  it.each([
    ['not RIFF', new TextEncoder().encode('ID3 something else entirely....')],
    ['too short', new Uint8Array(4)],
    ['data before fmt', Uint8Array.from([...new TextEncoder().encode('RIFF\0\0\0\0WAVEdata'), 0, 0, 0, 0])],
  ])('rejects %s', (_name, head) => {
    expect(parseWavHeader(head, 100)).toBeNull();
  });
});

describe('silentWav', () => {
  it('is a valid WAV of the asked length', () => {
    const wav = silentWav(2.5);
    const info = parseWavHeader(wav, wav.byteLength);
    expect(info).toMatchObject({ sampleRate: 22050, channels: 1, bitsPerSample: 16 });
    expect(info?.durationSec).toBeCloseTo(2.5, 4);
    expect(wav.subarray(44).every((b) => b === 0)).toBe(true);
  });
});
