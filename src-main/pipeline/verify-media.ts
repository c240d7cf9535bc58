import { StepError } from '../engine/errors.js';
import { AUDIO_RATE } from './encode-args.js';
import { inspectMp4, type Mp4Info } from './mp4-box.js';

/** Samples per AAC frame: an audio track may end up to one frame short of the picture. */
const AAC_FRAME_SEC = 1024 / AUDIO_RATE;

/** What a finished file must be: its length, and the frame rate that sets the tolerance. */
export interface ExpectedMedia {
  durationSec: number;
  fps: number;
  /** A sound-only file (the mixed soundtrack): no picture expected. */
  audioOnly?: boolean;
}

/**
 * Why `info` is not the complete video expected, or undefined when it is. Pure. The picture
 * must last the expected time within one frame; the sound may be shorter by one more AAC frame
 * (clips cut their audio to whole AAC frames) but never longer than the picture's tolerance.
 */
export function mediaProblem(info: Mp4Info, expected: ExpectedMedia): string | undefined {
  if (!info.complete) return `it is incomplete: ${info.reason}`;
  const frame = 1 / expected.fps;
  const slack = 1e-3;
  const off = (sec: number) => sec - expected.durationSec;
  const sounds = info.tracks.filter((t) => t.handler === 'soun');
  if (expected.audioOnly) {
    if (sounds.length === 0) return 'it has no sound track';
  } else {
    const video = info.tracks.find((t) => t.handler === 'vide');
    if (!video) return 'it has no video track';
    if (Math.abs(off(video.durationSec)) > frame + slack) {
      return `its picture lasts ${video.durationSec.toFixed(3)} s, not ${expected.durationSec.toFixed(3)} s`;
    }
  }
  for (const audio of sounds) {
    const d = off(audio.durationSec);
    if (d > frame + slack || d < -(frame + AAC_FRAME_SEC + slack)) {
      return `its sound lasts ${audio.durationSec.toFixed(3)} s, not ${expected.durationSec.toFixed(3)} s`;
    }
  }
  return undefined;
}

/** Reads the file's index and says why it is not the expected video, or undefined when it is. */
export async function checkMedia(path: string, expected: ExpectedMedia): Promise<string | undefined> {
  return mediaProblem(await inspectMp4(path), expected);
}

/**
 * Throws OUTPUT_INCOMPLETE (resumable: doing the work again fixes it) unless the file at `path`
 * is a complete MP4 of the expected length. `what` names it in the message ("Scene 3's clip").
 */
export async function verifyMedia(path: string, expected: ExpectedMedia, what: string): Promise<void> {
  const problem = await checkMedia(path, expected);
  if (problem === undefined) return;
  throw new StepError('OUTPUT_INCOMPLETE', `${what} is not a complete video: ${problem}.`, {
    suggestedActions: ['Check that the disk has free space, then resume the job to make it again.'],
    retryable: true,
  });
}
