import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mediaFileProblem } from '../../src-main/pipeline/media-file-check.js';
import { makeTempDir } from '../helpers/temp-dir.js';

/** Real files in each format, made by the system ffmpeg from its test sources. */
function make(dir: string, name: string, input: string[]): string {
  const out = join(dir, name);
  execFileSync('/usr/bin/ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', ...input, out]);
  return out;
}

describe('mediaFileProblem: an image must be an image, an audio file audio (read, never executed)', () => {
  const temp = makeTempDir('aura-media-');
  const still = ['-i', 'testsrc=s=160x90', '-frames:v', '1'];
  const sound = ['-i', 'sine=frequency=440:duration=0.5'];
  beforeAll(() => mkdirSync(join(temp.dir, 'folder')));
  afterAll(() => temp.cleanup());

  it.each(['png', 'jpg', 'gif', 'bmp', 'tiff', 'webp'])('a real .%s image passes', async (ext) => {
    expect(await mediaFileProblem(make(temp.dir, `still.${ext}`, still), 'image')).toBeUndefined();
  });

  it.each(['wav', 'mp3', 'ogg', 'm4a'])('a real .%s sound passes as audio, not as an image', async (ext) => {
    const file = make(temp.dir, `sound.${ext}`, sound);
    expect(await mediaFileProblem(file, 'audio')).toBeUndefined();
    expect(await mediaFileProblem(file, 'image')).toMatch(/is not an image/);
  });

  it('what is not media is refused with a plain reason', async () => {
    const script = join(temp.dir, 'evil.png');
    writeFileSync(script, '#!/bin/sh\necho owned\n', { mode: 0o755 });
    expect(await mediaFileProblem(script, 'image')).toBe('is not an image (PNG, JPEG, GIF, WebP, BMP or TIFF)');
    const empty = join(temp.dir, 'empty.png');
    writeFileSync(empty, '');
    expect(await mediaFileProblem(empty, 'image')).toBe('is empty');
    expect(await mediaFileProblem(join(temp.dir, 'folder'), 'image')).toBe('is a folder, not a file');
    expect(await mediaFileProblem(join(temp.dir, 'missing.png'), 'image')).toBe('does not exist');
    expect(await mediaFileProblem(join(temp.dir, 'evil.png', 'below'), 'image')).toBe('does not exist');
    expect(await mediaFileProblem(make(temp.dir, 'still2.png', still), 'audio')).toMatch(/is not an audio file/);
  });

  it('a FIFO is refused at once, never read (a read would block for ever)', async () => {
    const fifo = join(temp.dir, 'pipe.png');
    execFileSync('mkfifo', [fifo]);
    expect(await mediaFileProblem(fifo, 'image')).toBe('is not a regular file');
  });
});
