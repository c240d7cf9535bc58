import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StepError } from '../../src-main/engine/errors.js';
import {
  bundledFfmpegPath,
  locateFfmpeg,
  parseCapabilities,
  probeFfmpeg,
} from '../../src-main/pipeline/ffmpeg-locate.js';

const SYSTEM = '/usr/bin/ffmpeg';

describe('locateFfmpeg', () => {
  it('takes the setting first', async () => {
    expect(await locateFfmpeg({ ffmpegPath: SYSTEM }, { AURA_FFMPEG: '/elsewhere' })).toEqual({
      path: SYSTEM,
      source: 'setting',
    });
  });
  it('then AURA_FFMPEG', async () => {
    expect(await locateFfmpeg({ ffmpegPath: null }, { AURA_FFMPEG: SYSTEM })).toEqual({
      path: SYSTEM,
      source: 'AURA_FFMPEG',
    });
  });
  it('then the bundled binary', async () => {
    const found = await locateFfmpeg({ ffmpegPath: null }, { PATH: '' });
    expect(found).toEqual({ path: bundledFfmpegPath(), source: 'bundled' });
    expect(found.path).toContain('@ffmpeg-installer');
  });
  it('refuses an explicit path that is not there rather than falling back', async () => {
    const error = await locateFfmpeg({ ffmpegPath: '/nope/ffmpeg' }, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StepError);
    expect(error).toMatchObject({ code: 'FFMPEG_NOT_FOUND', retryable: true });
    expect((error as StepError).suggestedActions.length).toBeGreaterThan(0);
  });
  it('refuses a file that is not executable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aura-ff-'));
    try {
      const path = join(dir, 'ffmpeg');
      writeFileSync(path, 'x', { mode: 0o644 });
      await expect(locateFfmpeg({ ffmpegPath: null }, { AURA_FFMPEG: path })).rejects.toMatchObject({
        code: 'FFMPEG_NOT_FOUND',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('parseCapabilities', () => {
  const encoders =
    ' V....D libx264              libx264 H.264 / AVC / MPEG-4 AVC (codec h264)\n A....D aac                  AAC (Advanced Audio Coding)\n';
  const filters = ' T.C drawtext          V->V       Draw text on top of video frames using libfreetype library.\n';
  it.each([
    [
      'all present',
      'ffmpeg version 5.1.9-0+deb12u1 Copyright',
      encoders,
      filters,
      { version: '5.1.9-0+deb12u1', libx264: true, aac: true, drawtext: true },
    ],
    [
      'no drawtext',
      'ffmpeg version N-1',
      encoders,
      ' ... fps  V->V  Force constant framerate.\n',
      { version: 'N-1', libx264: true, drawtext: false },
    ],
    [
      'libx264rgb alone is not libx264',
      'x',
      ' V....D libx264rgb   libx264 RGB\n',
      filters,
      { version: 'unknown', libx264: false, aac: false },
    ],
  ])('%s', (_name, version, enc, fil, expected) => {
    expect(parseCapabilities(version, enc, fil)).toMatchObject(expected);
  });
});

describe('probeFfmpeg on real binaries', () => {
  it('the system ffmpeg has everything and accepts -stats_period', async () => {
    expect(await probeFfmpeg(SYSTEM)).toMatchObject({ libx264: true, aac: true, drawtext: true, statsPeriod: true });
  });
  it('the bundled 2018 build renders but refuses -stats_period; the probe is cached', async () => {
    const path = bundledFfmpegPath()!;
    const first = await probeFfmpeg(path);
    expect(first).toMatchObject({ libx264: true, drawtext: true, statsPeriod: false });
    expect(await probeFfmpeg(path)).toBe(first);
  });
});
