import type { Fonts } from './font.js';
import type { TimedScene } from './job-files.js';
import type { FrameSize } from './scene-layout.js';
import { sceneCaptionCues } from './scene-text.js';
import type { TimedCue } from './subtitles.js';
import { onTimeline } from './subtitles.js';

/**
 * The captions of every scene on the video's timeline: the very cues the clips burn in (one
 * paging and timing, scene-text's), for the .srt/.vtt files.
 */
export function sidecarCues(scenes: readonly TimedScene[], frame: FrameSize, fonts: Fonts): TimedCue[] {
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
