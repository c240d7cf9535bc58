import { execFileSync } from 'node:child_process';
import ffmpegInstaller from '@ffmpeg-installer/ffmpeg';

/** Writes a real one-frame PNG of one colour (`0xff8800`, `blue`) and size (`160x90`) to `file`, with the bundled ffmpeg. */
export function writeTestImage(file: string, color: string, size: string): string {
  execFileSync(ffmpegInstaller.path, [
    '-v',
    'error',
    '-f',
    'lavfi',
    '-i',
    `color=c=${color}:s=${size}`,
    '-frames:v',
    '1',
    file,
  ]);
  return file;
}
