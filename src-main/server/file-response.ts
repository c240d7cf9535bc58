import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import type { FastifyReply } from 'fastify';
import { HttpProblem } from './problem.js';
import { contentRange, parseRange } from './range.js';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.mp4': 'video/mp4',
  '.m4v': 'video/mp4',
  '.webm': 'video/webm',
  '.mov': 'video/quicktime',
  '.m4a': 'audio/mp4',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.log': 'text/plain; charset=utf-8',
  '.srt': 'application/x-subrip; charset=utf-8',
  '.vtt': 'text/vtt; charset=utf-8',
};

/** Content type by extension; anything unknown (notably HTML) is an opaque download, never rendered. */
export function contentTypeFor(name: string): string {
  return CONTENT_TYPES[extname(name).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Sends a file the engine resolved, honouring a single `Range` (206, or 416 past the end) so a
 * `<video>` can seek. A file that vanished since it was resolved is a 404.
 */
export async function sendFile(
  reply: FastifyReply,
  path: string,
  options: { rangeHeader: string | undefined; contentType: string },
): Promise<FastifyReply> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) throw new HttpProblem('NOT_FOUND', 'The file does not exist.');
  const size = info.size;
  const range = parseRange(options.rangeHeader, size);
  reply
    .header('Accept-Ranges', 'bytes')
    .header('Last-Modified', info.mtime.toUTCString())
    .header('Cache-Control', 'no-cache')
    // Files share the UI's origin: forbid them from ever running as a page.
    .header('Content-Security-Policy', "default-src 'none'; sandbox");
  if (range.kind === 'unsatisfiable') {
    throw new HttpProblem('VALIDATION_FAILED', `The range is outside the file (${size} bytes).`, undefined, {
      status: 416,
      headers: { 'Content-Range': contentRange(range, size) ?? `bytes */${size}` },
    });
  }
  reply.type(options.contentType);
  if (range.kind === 'partial') {
    reply
      .code(206)
      .header('Content-Range', contentRange(range, size))
      .header('Content-Length', range.end - range.start + 1);
    return reply.send(createReadStream(path, { start: range.start, end: range.end }));
  }
  reply.header('Content-Length', size);
  return reply.send(size === 0 ? '' : createReadStream(path));
}
