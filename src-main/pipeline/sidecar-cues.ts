import { captionCues, sanitizeCaption } from './captions.js';
import type { TimedScene } from './job-files.js';
import type { TimedCue } from './subtitles.js';
import { onTimeline } from './subtitles.js';

type Output = { width: number; height: number };

/**
 * The captions of every scene on the video's timeline: the cues the clips burn in (the same
 * paging and timing as encode-args' caption filters), for the .srt/.vtt files.
 */
export function sidecarCues(scenes: readonly TimedScene[], output: Output): TimedCue[] {
  // The burned captions wrap at this many characters (encode-args' textFilters).
  const captionSize = Math.max(6, Math.round(output.height * 0.05));
  const maxChars = Math.max(8, Math.floor((output.width * 0.9) / (captionSize * 0.55)));
  return onTimeline(
    scenes.map((scene) => ({
      clipSec: scene.clipSec,
      cues: captionCues(sanitizeCaption(scene.narration), maxChars, 2, scene.clipSec).map((cue) => ({
        startSec: cue.startSec,
        endSec: cue.endSec,
        text: cue.lines.join(' '),
      })),
    })),
  );
}
