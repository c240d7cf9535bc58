import type { Fonts } from './font.js';
import type { TimedScene } from './job-files.js';
import { sceneCaptionCues } from './scene-text.js';
import { onTimeline, type TimedCue } from './subtitles.js';

/**
 * The captions of every scene on the video's timeline, for the .srt/.vtt files: the very cues
 * the clips burn in (same paging, same timing), each scene starting where the ones before end.
 */
export function sidecarCues(
  scenes: readonly TimedScene[],
  frame: { width: number; height: number },
  fonts: Fonts,
): TimedCue[] {
  return onTimeline(
    scenes.map((scene) => ({
      clipSec: scene.clipSec,
      cues: sceneCaptionCues(scene, scene.clipSec, frame, fonts).map((cue) => ({
        startSec: cue.start,
        endSec: cue.end,
        text: cue.text,
      })),
    })),
  );
}
