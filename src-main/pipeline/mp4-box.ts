import { open } from 'node:fs/promises';

/** One track of an MP4 as its `moov` describes it. */
export interface Mp4Track {
  /** The `hdlr` handler type: `vide`, `soun`, ... */
  handler: string;
  /** What a player plays: the edit list's length when there is one, else the media's length. */
  durationSec: number;
}

/** What the box reader found: a complete file has its index (`moov`) and every box whole. */
export type Mp4Info = { complete: true; durationSec: number; tracks: Mp4Track[] } | { complete: false; reason: string };

interface BoxHeader {
  type: string;
  /** Offset of the box's first byte. */
  start: number;
  /** Offset of its payload. */
  body: number;
  /** Offset just past its end. */
  end: number;
}

/** Reads one box header at `at` from `buf` (within `limit`); undefined when it does not fit. */
function headerAt(buf: Buffer, at: number, limit: number): BoxHeader | undefined {
  if (at + 8 > limit) return undefined;
  const size32 = buf.readUInt32BE(at);
  const type = buf.toString('latin1', at + 4, at + 8);
  if (size32 === 1) {
    if (at + 16 > limit) return undefined;
    const size = Number(buf.readBigUInt64BE(at + 8));
    return { type, start: at, body: at + 16, end: at + size };
  }
  // Size 0 means "to the end of the enclosing space".
  return { type, start: at, body: at + 8, end: size32 === 0 ? limit : at + size32 };
}

/** The child boxes of `buf[from, to)`; throws when a child does not fit its parent. */
function children(buf: Buffer, from: number, to: number): BoxHeader[] {
  const boxes: BoxHeader[] = [];
  for (let at = from; at < to;) {
    const box = headerAt(buf, at, to);
    if (!box || box.end > to || box.end < box.body) throw new Error(`a box inside the index is cut short at ${at}`);
    boxes.push(box);
    at = box.end;
  }
  return boxes;
}

const child = (buf: Buffer, parent: BoxHeader, type: string) =>
  children(buf, parent.body, parent.end).find((b) => b.type === type);

/** `mvhd`/`mdhd` share the layout: version, then times, timescale and duration (32- or 64-bit). */
function timescaleAndDuration(buf: Buffer, box: BoxHeader): { timescale: number; duration: number } {
  const version = buf.readUInt8(box.body);
  const wide = version === 1;
  const need = box.body + (wide ? 32 : 20);
  if (need > box.end) throw new Error(`the ${box.type} box is too short`);
  const at = box.body + 4 + (wide ? 16 : 8);
  const timescale = buf.readUInt32BE(at);
  const duration = wide ? Number(buf.readBigUInt64BE(at + 4)) : buf.readUInt32BE(at + 4);
  if (timescale === 0) throw new Error(`the ${box.type} box has a zero timescale`);
  return { timescale, duration };
}

/** Sum of the edit list's segment lengths (movie timescale), or undefined without one. */
function editListDuration(buf: Buffer, trak: BoxHeader): number | undefined {
  const edts = child(buf, trak, 'edts');
  const elst = edts && child(buf, edts, 'elst');
  if (!elst) return undefined;
  const wide = buf.readUInt8(elst.body) === 1;
  const count = buf.readUInt32BE(elst.body + 4);
  const entrySize = wide ? 20 : 12;
  if (elst.body + 8 + count * entrySize > elst.end) throw new Error('the edit list is cut short');
  let total = 0;
  for (let i = 0; i < count; i++) {
    const at = elst.body + 8 + i * entrySize;
    // An empty edit (a delay) counts too: it is part of what is played.
    total += wide ? Number(buf.readBigUInt64BE(at)) : buf.readUInt32BE(at);
  }
  return total;
}

/** Parses a whole `moov` box (its bytes from the header on): duration and tracks. Pure. */
export function parseMoov(moov: Buffer): { durationSec: number; tracks: Mp4Track[] } {
  const root = headerAt(moov, 0, moov.length);
  if (!root || root.type !== 'moov' || root.end > moov.length) throw new Error('not a whole moov box');
  const mvhd = child(moov, root, 'mvhd');
  if (!mvhd) throw new Error('the index has no movie header (mvhd)');
  const movie = timescaleAndDuration(moov, mvhd);
  const tracks: Mp4Track[] = [];
  for (const trak of children(moov, root.body, root.end).filter((b) => b.type === 'trak')) {
    const mdia = child(moov, trak, 'mdia');
    const mdhd = mdia && child(moov, mdia, 'mdhd');
    const hdlr = mdia && child(moov, mdia, 'hdlr');
    if (!mdhd || !hdlr) throw new Error('a track has no media header');
    const handler = moov.toString('latin1', hdlr.body + 8, hdlr.body + 12);
    const edit = editListDuration(moov, trak);
    const media = timescaleAndDuration(moov, mdhd);
    const durationSec = edit !== undefined ? edit / movie.timescale : media.duration / media.timescale;
    tracks.push({ handler, durationSec });
  }
  return { durationSec: movie.duration / movie.timescale, tracks };
}

/** Largest index we read into memory (a 1 h 1080p file's moov is a few MB). */
const MAX_MOOV_BYTES = 256 * 1024 * 1024;

/**
 * Reads an MP4's top-level boxes and its index without decoding anything: a file whose trailer
 * was never written (no `moov`, or an `mdat` that runs to the end), or whose last box is cut
 * short, is incomplete. No ffprobe needed.
 */
export async function inspectMp4(path: string): Promise<Mp4Info> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    return { complete: false, reason: `it cannot be opened (${(error as NodeJS.ErrnoException).code ?? error})` };
  }
  try {
    const size = (await handle.stat()).size;
    const head = Buffer.alloc(16);
    let moov: Buffer | undefined;
    let sawMdat = false;
    for (let at = 0; at < size;) {
      const { bytesRead } = await handle.read(head, 0, 16, at);
      const box = headerAt(head, 0, bytesRead);
      if (!box) return { complete: false, reason: `it ends inside a box header at byte ${at}` };
      const sizeZero = head.readUInt32BE(0) === 0;
      const end = sizeZero ? size : at + box.end;
      if (!/^[\x20-\x7e]{4}$/.test(box.type)) return { complete: false, reason: `byte ${at} is not a box` };
      if (end > size) return { complete: false, reason: `its ${box.type} box is cut short` };
      if (end <= at) return { complete: false, reason: `its ${box.type} box has a bad size` };
      if (box.type === 'mdat') sawMdat = true;
      if (box.type === 'moov') {
        if (end - at > MAX_MOOV_BYTES) return { complete: false, reason: 'its index is implausibly large' };
        moov = Buffer.alloc(end - at);
        await handle.read(moov, 0, moov.length, at);
      }
      at = end;
    }
    if (!moov) return { complete: false, reason: 'it has no index (moov): the trailer was never written' };
    if (!sawMdat) return { complete: false, reason: 'it has no media data (mdat)' };
    return { complete: true, ...parseMoov(moov) };
  } catch (error) {
    return { complete: false, reason: `its index is damaged: ${(error as Error).message}` };
  } finally {
    await handle.close();
  }
}
