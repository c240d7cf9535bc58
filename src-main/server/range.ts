/** The outcome of reading a `Range` header against a file of known size. */
export type RangeResult =
  /** No usable range: send the whole file with 200. */
  | { kind: 'full' }
  /** One byte range, both ends inclusive: send 206. */
  | { kind: 'partial'; start: number; end: number }
  /** A syntactically valid range that lies outside the file: 416. */
  | { kind: 'unsatisfiable' };

/**
 * Parses a `Range` header (RFC 9110 §14.1.2) for one file. Multiple ranges and other units are
 * answered with the whole file, which the RFC allows and every media element accepts.
 */
export function parseRange(header: string | undefined, size: number): RangeResult {
  if (header === undefined) return { kind: 'full' };
  const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!m) return { kind: 'full' };
  const [, first = '', last = ''] = m;
  if (first === '' && last === '') return { kind: 'full' };
  if (first === '') {
    // Suffix range: the last N bytes.
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (start >= size) return { kind: 'unsatisfiable' };
  const end = last === '' ? size - 1 : Number(last);
  if (end < start) return { kind: 'full' };
  return { kind: 'partial', start, end: Math.min(end, size - 1) };
}

/** `Content-Range` for a partial answer, or for a 416 (`bytes *\/size`). */
export function contentRange(result: RangeResult, size: number): string | undefined {
  if (result.kind === 'partial') return `bytes ${result.start}-${result.end}/${size}`;
  if (result.kind === 'unsatisfiable') return `bytes */${size}`;
  return undefined;
}
