/**
 * Checks on a file the user chose in a native dialog, before main acts on it. No electron
 * import: tested with real files. An ffmpeg must be an executable regular file; an image or a
 * music file must be a readable regular file of its kind (read later, never executed).
 */
import { constants } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { MUSIC_EXTENSIONS } from '../../src-shared/spec.js';
import { mediaFileProblem } from '../pipeline/media-file-check.js';

export const IMAGE_EXTENSIONS = ['.png', '.jpg', '.jpeg', '.webp', '.bmp', '.gif'] as const;

/** The open-dialog filters for each kind of file the form asks for. */
export const DIALOG_FILTERS = {
  image: [{ name: 'Images', extensions: IMAGE_EXTENSIONS.map((ext) => ext.slice(1)) }],
  music: [{ name: 'Audio', extensions: MUSIC_EXTENSIONS.map((ext) => ext.slice(1)) }],
} as const;

/** Why a chosen file cannot be used, in one sentence; null when it can. */
export async function problemWithExecutable(
  file: string,
  platform: NodeJS.Platform = process.platform,
): Promise<string | null> {
  if (!path.isAbsolute(file)) return `${file} is not a full path.`;
  let stat;
  try {
    stat = await fs.stat(file);
  } catch {
    return `${file} does not exist or cannot be reached.`;
  }
  if (!stat.isFile()) return `${file} is not a file.`;
  if (platform === 'win32') {
    return file.toLowerCase().endsWith('.exe') ? null : `${file} is not a program (.exe).`;
  }
  try {
    await fs.access(file, constants.X_OK);
  } catch {
    return `${file} is not executable: choose the ffmpeg program itself.`;
  }
  return null;
}

/** Why a chosen image or music file cannot be used, in one sentence; null when it can. */
export async function problemWithMediaFile(file: string, kind: 'image' | 'music'): Promise<string | null> {
  const extensions: readonly string[] = kind === 'image' ? IMAGE_EXTENSIONS : MUSIC_EXTENSIONS;
  if (!path.isAbsolute(file)) return `${file} is not a full path.`;
  if (!extensions.includes(path.extname(file).toLowerCase())) {
    return `${path.basename(file)} is not ${kind === 'image' ? 'an image' : 'a music file'} (${extensions.join(', ')}).`;
  }
  // The same check a submitted spec gets: a regular, readable file that starts like its format.
  const problem = await mediaFileProblem(file, kind === 'image' ? 'image' : 'audio');
  return problem === undefined ? null : `${file} ${problem}.`;
}

/** Runs `file -version` (5 s at most): null when it answers like ffmpeg, else why not. */
export async function problemWithFfmpeg(file: string): Promise<string | null> {
  const { execa } = await import('execa');
  try {
    const result = await execa(file, ['-version'], { timeout: 5000, reject: false, stdin: 'ignore' });
    if (result.exitCode === 0 && /^ffmpeg version/m.test(String(result.stdout))) return null;
  } catch {
    // fall through: could not run it
  }
  return `${path.basename(file)} does not answer like ffmpeg (ffmpeg -version).`;
}
