/** The checks on a file chosen in a native dialog, on real files. */
import fs from 'node:fs';
import path from 'node:path';
import ffmpegInstaller from '@ffmpeg-installer/ffmpeg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemWithExecutable, problemWithFfmpeg, problemWithMediaFile } from '../../src-main/electron/chosen-file.js';
import { makeTempDir } from '../helpers/temp-dir.js';

let temp: ReturnType<typeof makeTempDir>;
let script: string;
let plain: string;
let image: string;
let unreadable: string;
let plainAsPng: string;

beforeAll(() => {
  temp = makeTempDir('aura-chosen-');
  script = path.join(temp.dir, 'not-ffmpeg.sh');
  fs.writeFileSync(script, '#!/bin/sh\necho hello\n', { mode: 0o755 });
  plain = path.join(temp.dir, 'notes.txt');
  fs.writeFileSync(plain, 'text', { mode: 0o644 });
  image = path.join(temp.dir, 'sky.PNG');
  // A PNG by its signature (the check reads the first bytes, as the submit check does).
  fs.writeFileSync(image, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
  plainAsPng = path.join(temp.dir, 'fake.png');
  fs.writeFileSync(plainAsPng, '#!/bin/sh\n');
  unreadable = path.join(temp.dir, 'locked.mp3');
  fs.writeFileSync(unreadable, 'mp3', { mode: 0o000 });
});
afterAll(() => temp.cleanup());

describe('problemWithExecutable', () => {
  it('accepts an executable regular file', async () => {
    expect(await problemWithExecutable(ffmpegInstaller.path, 'linux')).toBeNull();
    expect(await problemWithExecutable(script, 'linux')).toBeNull();
  });

  it.each([
    ['a file that is not executable', () => plain, /is not executable/],
    ['a folder', () => temp.dir, /is not a file/],
    ['a missing file', () => path.join(temp.dir, 'gone'), /does not exist/],
    ['a relative path', () => 'ffmpeg', /is not a full path/],
  ])('refuses %s with a sentence', async (_name, file, message) => {
    expect(await problemWithExecutable(file(), 'linux')).toMatch(message);
  });

  it('wants an .exe on Windows', async () => {
    expect(await problemWithExecutable(script, 'win32')).toMatch(/is not a program \(\.exe\)/);
  });
});

describe('problemWithFfmpeg', () => {
  it('knows the real ffmpeg from another program', async () => {
    expect(await problemWithFfmpeg(ffmpegInstaller.path)).toBeNull();
    expect(await problemWithFfmpeg(script)).toBe('not-ffmpeg.sh does not answer like ffmpeg (ffmpeg -version).');
  });
});

describe('problemWithMediaFile', () => {
  it('accepts a readable image of a known kind, whatever the case of its extension', async () => {
    expect(await problemWithMediaFile(image, 'image')).toBeNull();
  });

  it.each([
    ['a text file as an image', () => plain, 'image' as const, /notes\.txt is not an image/],
    ['an image as music', () => image, 'music' as const, /sky\.PNG is not a music file/],
    ['a relative path', () => 'sky.png', 'image' as const, /is not a full path/],
    ['text named like an image', () => plainAsPng, 'image' as const, /fake\.png is not an image \(PNG/],
  ])('refuses %s', async (_name, file, kind, message) => {
    expect(await problemWithMediaFile(file(), kind)).toMatch(message);
  });

  // Root reads any file, so an unreadable file only exists for a normal user.
  it.skipIf(process.getuid?.() === 0)('refuses an unreadable file', async () => {
    expect(await problemWithMediaFile(unreadable, 'music')).toMatch(/cannot be read/);
  });
});
