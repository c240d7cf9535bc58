import type { Fonts } from './font.js';
import { imageChain, transitionGraph, type TransitionIn } from './scene-look.js';
import type { FrameSize } from './scene-layout.js';
import { drawTextFilters, TITLE_FADE_SEC } from './scene-text-filters.js';
import type { SceneTextPlan } from './scene-text.js';
import type { Scene } from './script-parser.js';

/** A scene as its clip's look needs it: background, image look and its laid-out text. */
export interface LookedScene {
  scene: Pick<Scene, 'index' | 'background' | 'image' | 'motion' | 'fit'>;
  clipSec: number;
  text: SceneTextPlan;
}

/** Everything that decides how a scene clip looks (and so belongs in its checkpoint's inputs). */
export interface SceneLook extends LookedScene {
  frame: FrameSize & { fps: number };
  fonts: Fonts;
  burnCaptions: boolean;
  /** How the clip begins, with the previous scene whose last frame it starts from. */
  transition?: TransitionIn & { previous: LookedScene };
  /** The last scene of a fade-black video fades out to black over its final seconds. */
  fadeOutSec?: number;
}

/** `#1d3557` into ffmpeg's `0x1d3557`. */
export function ffmpegColour(hex: string): string {
  return '0x' + hex.slice(1);
}

const framesOf = (sec: number, fps: number) => Math.max(1, Math.round(sec * fps));

/**
 * The ffmpeg input arguments of a scene's background: a lavfi colour source of the clip's length,
 * or the image, read once (the image chain makes every frame from it).
 */
export function backgroundInput(look: LookedScene, frame: FrameSize & { fps: number }, oneFrame = false): string[] {
  const { scene } = look;
  const d = oneFrame ? 1 / frame.fps : look.clipSec;
  if (!scene.image) {
    return [
      '-f',
      'lavfi',
      '-i',
      `color=c=${ffmpegColour(scene.background)}:s=${frame.width}x${frame.height}:r=${frame.fps}:d=${round4(d)}`,
    ];
  }
  // Read once: zoompan or the loop filter makes every frame from the one picture.
  return [
    // A '%' would make the image2 demuxer read the path as a numbered-sequence pattern.
    ...(scene.image.includes('%') ? ['-f', 'image2', '-pattern_type', 'none'] : []),
    ...['-i', scene.image],
  ];
}

/** The background chain (after the input label) of a scene, or of its last frame alone. */
function backgroundChain(look: LookedScene, frame: FrameSize & { fps: number }, lastFrameOnly: boolean): string[] {
  const frames = framesOf(look.clipSec, frame.fps);
  if (!look.scene.image) return lastFrameOnly ? ['trim=end_frame=1', 'setsar=1'] : ['setsar=1'];
  return imageChain(
    look.scene,
    ffmpegColour(look.scene.background),
    frame,
    frames,
    lastFrameOnly ? frames - 1 : undefined,
  );
}

/**
 * The clip's video filter graph, reading `[0:v]` (background) and, with a transition, `[2:v]`
 * (the previous scene's background), ending in `[v]` (the clip) and `[th]` (its first frame
 * after the transition, `thumbWidth` wide). Captions are drawn last, over the transition, so
 * they appear with the voice and the outgoing scene's never overlap them (subtitles switch, they
 * do not dissolve); after a crossfade the incoming titles fade in once the outgoing ones are gone.
 */
export function sceneVideoGraph(look: SceneLook, thumbWidth: number): string {
  const { frame, fonts, transition } = look;
  const titlesFromSec = transition?.type === 'crossfade' ? transition.durationSec : undefined;
  const current = [
    ...backgroundChain(look, frame, false),
    ...drawTextFilters(look.text, fonts, {
      captions: false,
      ...(titlesFromSec !== undefined ? { titlesFromSec } : {}),
    }),
  ];
  const finish = [
    ...drawTextFilters(look.text, fonts, { titles: false, captions: look.burnCaptions }),
    ...(look.fadeOutSec ? [`fade=t=out:st=${round4(look.clipSec - look.fadeOutSec)}:d=${look.fadeOutSec}`] : []),
  ];
  const parts: string[] = [];
  let thumbFrame = 0;
  if (transition) {
    const prev = transition.previous;
    const lastSec = (framesOf(prev.clipSec, frame.fps) - 1) / frame.fps;
    const still = [
      ...backgroundChain(prev, frame, true),
      ...drawTextFilters(prev.text, fonts, { captions: false, atSec: lastSec }),
    ];
    parts.push(
      `[0:v]${current.join(',')}[cur]`,
      `[2:v]${still.join(',')}[prev]`,
      transitionGraph(transition, frame.fps),
    );
    parts.push(finish.length > 0 ? `[out]${finish.join(',')}[final]` : '[out]null[final]');
    // The thumbnail shows the scene once it is in, titles included.
    thumbFrame = Math.round((transition.durationSec + (titlesFromSec !== undefined ? TITLE_FADE_SEC : 0)) * frame.fps);
  } else {
    parts.push(`[0:v]${[...current, ...finish].join(',')}[final]`);
  }
  const lastFrame = framesOf(look.clipSec, frame.fps) - 1;
  parts.push(
    '[final]split=2[v][t]',
    `[t]trim=start_frame=${Math.min(thumbFrame, lastFrame)},scale=${thumbWidth}:-2[th]`,
  );
  return parts.join(';');
}

function round4(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}
