/** The parts of a WAV header a duration needs. */
export interface WavInfo {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  byteRate: number;
  /** Bytes of sample data actually present. */
  dataBytes: number;
  durationSec: number;
}

/**
 * Reads a RIFF/WAVE header (the first few KB of the file are enough) and the file's size into
 * its format and duration. A streaming writer may leave the `data` size unset (0 or 0xFFFFFFFF),
 * so the size is capped by what the file really holds. Null when it is not a PCM-like WAV.
 */
export function parseWavHeader(head: Uint8Array, fileSize: number): WavInfo | null {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  if (head.byteLength < 12 || ascii(head, 0, 4) !== 'RIFF' || ascii(head, 8, 4) !== 'WAVE') return null;
  let offset = 12;
  let fmt: Omit<WavInfo, 'dataBytes' | 'durationSec'> | null = null;
  while (offset + 8 <= head.byteLength) {
    const id = ascii(head, offset, 4);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ' && body + 16 <= head.byteLength) {
      fmt = {
        channels: view.getUint16(body + 2, true),
        sampleRate: view.getUint32(body + 4, true),
        byteRate: view.getUint32(body + 8, true),
        bitsPerSample: view.getUint16(body + 14, true),
      };
    } else if (id === 'data') {
      if (!fmt || fmt.byteRate === 0) return null;
      const present = Math.max(0, fileSize - body);
      const dataBytes = size === 0 || size === 0xffffffff ? present : Math.min(size, present);
      return { ...fmt, dataBytes, durationSec: dataBytes / fmt.byteRate };
    }
    offset = body + size + (size % 2);
  }
  return null;
}

/** A 16-bit mono PCM WAV of silence: narration for engine `none` needs no external tool. */
export function silentWav(durationSec: number, sampleRate = 22_050): Uint8Array {
  const samples = Math.max(0, Math.round(durationSec * sampleRate));
  const dataBytes = samples * 2;
  const out = new Uint8Array(44 + dataBytes);
  const view = new DataView(out.buffer);
  const text = (at: number, s: string) => {
    for (let i = 0; i < s.length; i++) out[at + i] = s.charCodeAt(i);
  };
  text(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  text(36, 'data');
  view.setUint32(40, dataBytes, true);
  return out;
}

function ascii(bytes: Uint8Array, at: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + length));
}
