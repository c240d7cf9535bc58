import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectMp4, parseMoov, type Mp4Info } from '../../src-main/pipeline/mp4-box.js';
import { mediaProblem } from '../../src-main/pipeline/verify-media.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { waitUntil } from '../helpers/wait.js';

const temp = makeTempDir('aura-mp4-');
const file = (name: string) => join(temp.dir, name);
afterAll(() => temp.cleanup());

/** A real clip the way the pipeline makes them: 160x90 H.264 + AAC 48 kHz, `sec` long. */
async function encode(name: string, sec: number, extra: string[] = []): Promise<string> {
  await execa('ffmpeg', [
    ...['-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc=s=160x90:r=30:d=${sec}`],
    ...['-f', 'lavfi', '-i', `sine=f=440:r=48000:d=${sec}`, '-t', String(sec)],
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', ...extra, file(name)],
  ]);
  return file(name);
}

/** Offset of the first top-level box of `type`. */
function boxOffset(path: string, type: string): number {
  const bytes = readFileSync(path);
  for (let at = 0; at < bytes.length; at += bytes.readUInt32BE(at)) {
    if (bytes.toString('latin1', at + 4, at + 8) === type) return at;
  }
  throw new Error(`no ${type} box`);
}

/** A copy of `source` with its first `bytes` bytes only (what a full disk leaves). */
function truncated(source: string, name: string, bytes: number): string {
  writeFileSync(file(name), readFileSync(source).subarray(0, bytes));
  return file(name);
}

/** A copy of `source` with one byte changed at `offset`. */
function flipped(source: string, name: string, offset: number, value: number): string {
  const bytes = readFileSync(source);
  bytes[offset] = value;
  writeFileSync(file(name), bytes);
  return file(name);
}

let clip: string;
let faststart: string;
beforeAll(async () => {
  clip = await encode('clip.mp4', 1);
  faststart = await encode('faststart.mp4', 2, ['-movflags', '+faststart']);
}, 60_000);

describe('inspectMp4 on real files', () => {
  it('a complete clip: its tracks last what was encoded', async () => {
    const info = await inspectMp4(clip);
    expect(info.complete).toBe(true);
    if (!info.complete) return;
    expect(info.tracks.map((t) => t.handler).sort()).toEqual(['soun', 'vide']);
    for (const track of info.tracks) expect(track.durationSec).toBeCloseTo(1, 1);
    expect(mediaProblem(info, { durationSec: 1, fps: 30 })).toBeUndefined();
  });

  it('a faststart file (index before the media) reads the same', async () => {
    const info = await inspectMp4(faststart);
    expect(info.complete && info.tracks.find((t) => t.handler === 'vide')?.durationSec).toBeCloseTo(2, 2);
    expect(boxOffset(faststart, 'moov')).toBeLessThan(boxOffset(faststart, 'mdat'));
  });

  it('damaged and cut-short copies are incomplete, each with a reason', async () => {
    const size = statSync(clip).size;
    const moovAt = boxOffset(clip, 'moov');
    const mdatAt = boxOffset(clip, 'mdat');
    const cases: [string, string, RegExp][] = [
      [truncated(clip, 'empty.mp4', 0), 'empty file', /no index/],
      [truncated(clip, 'header.mp4', 5), 'inside the first header', /inside a box header/],
      [truncated(clip, 'mid-mdat.mp4', mdatAt + 100), 'cut inside the media', /mdat box is cut short/],
      [truncated(clip, 'no-moov.mp4', moovAt), 'trailer never written', /no index \(moov\)/],
      [truncated(clip, 'mid-moov.mp4', moovAt + Math.floor((size - moovAt) / 2)), 'cut inside the index', /moov/],
      [flipped(clip, 'renamed-moov.mp4', moovAt + 4, 0x78), 'index type damaged', /no index/],
      [flipped(clip, 'bad-size.mp4', moovAt + 8 + 3, 0xff), 'mvhd size damaged', /damaged/],
      [flipped(clip, 'garbage.mp4', mdatAt + 4, 0x01), 'a box type that is not text', /not a box/],
      [file('missing.mp4'), 'no file', /cannot be opened/],
    ];
    for (const [path, label, reason] of cases) {
      const info = await inspectMp4(path);
      expect({ label, complete: info.complete }).toEqual({ label, complete: false });
      if (!info.complete) expect(info.reason, label).toMatch(reason);
    }
  });

  it('a file whose writer was killed before the trailer is incomplete', async () => {
    const path = file('killed.mp4');
    const writer = execa(
      'ffmpeg',
      [
        ...['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=s=320x180:r=30:d=600'],
        ...['-c:v', 'libx264', '-preset', 'ultrafast', path],
      ],
      { reject: false },
    );
    await waitUntil(
      'media to be written',
      () => (statSync(path, { throwIfNoEntry: false })?.size ?? 0) > 64_000,
      20_000,
    );
    writer.kill('SIGKILL');
    await writer;
    const info = await inspectMp4(path);
    expect(info.complete).toBe(false);
    if (!info.complete) expect(info.reason).toMatch(/no index|cut short/);
  });

  it('parseMoov refuses a buffer that is not a whole moov box', () => {
    const moovAt = boxOffset(clip, 'moov');
    const moov = readFileSync(clip).subarray(moovAt);
    expect(parseMoov(moov).tracks).toHaveLength(2);
    expect(() => parseMoov(moov.subarray(0, moov.length - 10))).toThrow(/not a whole moov/);
  });
});

describe('mediaProblem (pure)', () => {
  const info = (video: number, audio?: number): Mp4Info => ({
    complete: true,
    durationSec: Math.max(video, audio ?? 0),
    tracks: [
      { handler: 'vide', durationSec: video },
      ...(audio === undefined ? [] : [{ handler: 'soun', durationSec: audio }]),
    ],
  });
  const expected = { durationSec: 4, fps: 30 };
  const table: [string, Mp4Info, RegExp | undefined][] = [
    ['exact', info(4, 4), undefined],
    ['picture one frame long', info(4 + 1 / 30, 4), undefined],
    ['sound one AAC frame short', info(4, 4 - 1024 / 48000), undefined],
    ['picture two frames short', info(4 - 2 / 30, 4), /picture lasts 3.933 s, not 4.000 s/],
    ['picture far too short (a 32 s join for 80 s)', info(1.6, 1.6), /picture lasts 1.600 s/],
    ['sound far too short', info(4, 3), /sound lasts 3.000 s/],
    ['sound too long', info(4, 4.2), /sound lasts 4.200 s/],
    ['no picture', { complete: true, durationSec: 4, tracks: [{ handler: 'soun', durationSec: 4 }] }, /no video/],
    ['incomplete', { complete: false, reason: 'it has no index' }, /incomplete: it has no index/],
  ];
  it.each(table)('%s', (_label, input, problem) => {
    const found = mediaProblem(input, expected);
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toMatch(problem);
  });
});
