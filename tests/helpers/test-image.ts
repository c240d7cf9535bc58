import { execFileSync } from 'node:child_process';
import ffmpegInstaller from '@ffmpeg-installer/ffmpeg';

/**
 * Writes a real one-frame PNG to `file` (over one already there) with the bundled ffmpeg, from a
 * lavfi source: `color=c=blue:s=16x16`, `testsrc=s=160x90`.
 */
export function writeTestImage(file: string, source: string): string {
  execFileSync(ffmpegInstaller.path, ['-v', 'error', '-y', '-f', 'lavfi', '-i', source, '-frames:v', '1', file]);
  return file;
}
