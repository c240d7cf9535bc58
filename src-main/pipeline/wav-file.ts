import { open } from 'node:fs/promises';
import { StepError } from '../engine/errors.js';
import { parseWavHeader } from './wav.js';

/** Duration of a WAV file from its header (no ffprobe needed). */
export async function wavFileDuration(path: string): Promise<number> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const head = new Uint8Array(Math.min(size, 64 * 1024));
    await file.read(head, 0, head.byteLength, 0);
    const info = parseWavHeader(head, size);
    if (info) return info.durationSec;
  } finally {
    await file.close();
  }
  throw new StepError('AUDIO_UNREADABLE', `The narration audio ${path} is not a WAV file.`, {
    suggestedActions: ['Resume the job: the narration is made again.'],
  });
}
