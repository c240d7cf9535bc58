import { describe, expect, it } from 'vitest';
import { dataDirFlag, unpackedPath } from '../../src-main/electron/launch-args.js';

describe('dataDirFlag', () => {
  it.each<[string[], string | undefined]>([
    [[], undefined],
    [['.'], undefined],
    [['.', '--data-dir', '/tmp/aura'], '/tmp/aura'],
    [['.', '--data-dir=/tmp/a b'], '/tmp/a b'],
    [['--data-dir='], undefined],
    [['--data-dir'], undefined],
    [['--data-dir', '--inspect'], undefined],
    [['--enable-logging', '--data-dir=C:\\Aura'], 'C:\\Aura'],
  ])('%j -> %s', (argv, expected) => {
    expect(dataDirFlag(argv)).toBe(expected);
  });
});

describe('unpackedPath', () => {
  it.each([
    [
      '/opt/Aura Studio/resources/app.asar/node_modules/@ffmpeg-installer/linux-x64/ffmpeg',
      '/opt/Aura Studio/resources/app.asar.unpacked/node_modules/@ffmpeg-installer/linux-x64/ffmpeg',
    ],
    [
      'C:\\Program Files\\Aura Studio\\resources\\app.asar\\node_modules\\@ffmpeg-installer\\win32-x64\\ffmpeg.exe',
      'C:\\Program Files\\Aura Studio\\resources\\app.asar.unpacked\\node_modules\\@ffmpeg-installer\\win32-x64\\ffmpeg.exe',
    ],
    ['/work/main/node_modules/@ffmpeg-installer/linux-x64/ffmpeg', '/work/main/node_modules/@ffmpeg-installer/linux-x64/ffmpeg'],
    ['/x/app.asar.unpacked/ffmpeg', '/x/app.asar.unpacked/ffmpeg'],
  ])('%s', (input, expected) => {
    expect(unpackedPath(input)).toBe(expected);
  });
});
