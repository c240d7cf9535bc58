import { open, stat } from 'node:fs/promises';
import type { FieldError } from '../../src-shared/problem.js';
import type { RenderSpec } from '../../src-shared/spec.js';

/** What a spec's file is meant to be. */
export type MediaKind = 'image' | 'audio';

/** Leading bytes (at an offset) of the formats ffmpeg decodes that a creator is likely to pick. */
const SIGNATURES: Record<MediaKind, ReadonlyArray<{ at: number; bytes: readonly number[] }>> = {
  image: [
    { at: 0, bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] }, // PNG
    { at: 0, bytes: [0xff, 0xd8, 0xff] }, // JPEG
    { at: 0, bytes: [...'GIF8'].map((c) => c.charCodeAt(0)) }, // GIF87a / GIF89a
    { at: 8, bytes: [...'WEBP'].map((c) => c.charCodeAt(0)) }, // RIFF....WEBP
    { at: 0, bytes: [0x42, 0x4d] }, // BMP
    { at: 0, bytes: [0x49, 0x49, 0x2a, 0x00] }, // TIFF, little-endian
    { at: 0, bytes: [0x4d, 0x4d, 0x00, 0x2a] }, // TIFF, big-endian
  ],
  audio: [
    { at: 0, bytes: [...'ID3'].map((c) => c.charCodeAt(0)) }, // MP3 with a tag
    { at: 8, bytes: [...'WAVE'].map((c) => c.charCodeAt(0)) }, // RIFF....WAVE
    { at: 0, bytes: [...'OggS'].map((c) => c.charCodeAt(0)) }, // Ogg
    { at: 4, bytes: [...'ftyp'].map((c) => c.charCodeAt(0)) }, // M4A / MP4 audio
    { at: 0, bytes: [...'fLaC'].map((c) => c.charCodeAt(0)) }, // FLAC
  ],
};

const FORMAT_NAMES: Record<MediaKind, string> = {
  image: 'an image (PNG, JPEG, GIF, WebP, BMP or TIFF)',
  audio: 'an audio file (MP3, M4A, WAV or OGG)',
};

/** An MP3 without a tag starts straight with a frame: 11 set sync bits. */
const isMp3Frame = (head: Buffer) => head.length >= 2 && head[0] === 0xff && (head[1]! & 0xe0) === 0xe0;

function matches(head: Buffer, kind: MediaKind): boolean {
  if (kind === 'audio' && isMp3Frame(head)) return true;
  return SIGNATURES[kind].some(({ at, bytes }) => bytes.every((b, i) => head[at + i] === b));
}

/**
 * Why the file at `path` cannot serve as `kind`, as a phrase ("does not exist", "is a folder",
 * "is not an image ..."), or undefined when it can: a regular, readable, non-empty file whose
 * first bytes are such a format. Only its first 16 bytes are read; nothing is ever executed.
 */
export async function mediaFileProblem(path: string, kind: MediaKind): Promise<string | undefined> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? 'does not exist' : `cannot be read (${code ?? 'error'})`;
  }
  // A FIFO or a device would block the read, or never end: only plain files are media.
  if (info.isDirectory()) return 'is a folder, not a file';
  if (!info.isFile()) return 'is not a regular file';
  if (info.size === 0) return 'is empty';
  const head = Buffer.alloc(16);
  try {
    const handle = await open(path, 'r');
    try {
      await handle.read(head, 0, head.length, 0);
    } finally {
      await handle.close();
    }
  } catch (error) {
    return `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
  }
  return matches(head, kind) ? undefined : `is not ${FORMAT_NAMES[kind]}`;
}

/** Files checked at once: a 500-scene spec must not open 500 files together. */
const PARALLEL = 16;

/**
 * The spec's images and music checked at submit, so a bad path is a 400 naming its field
 * (`scenes.2.image`) instead of a failed job minutes later. Preflight decodes them again.
 */
export async function checkSpecFiles(spec: RenderSpec): Promise<FieldError[]> {
  const files: Array<{ path: string; field: string; kind: MediaKind }> = [];
  spec.scenes?.forEach((scene, index) => {
    if (scene.image) files.push({ path: scene.image, field: `scenes.${index}.image`, kind: 'image' });
  });
  if (spec.music) files.push({ path: spec.music.path, field: 'music.path', kind: 'audio' });
  const errors: FieldError[] = [];
  for (let i = 0; i < files.length; i += PARALLEL) {
    const batch = files.slice(i, i + PARALLEL);
    const problems = await Promise.all(batch.map((f) => mediaFileProblem(f.path, f.kind)));
    problems.forEach((problem, j) => {
      if (problem) errors.push({ path: batch[j]!.field, message: `${batch[j]!.path} ${problem}` });
    });
  }
  return errors;
}
