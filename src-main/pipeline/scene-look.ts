import type { FrameSize } from './scene-layout.js';
import type { Scene } from './script-parser.js';

/** A slow zoom and pan: zoom from `z0` to `z1`, the view's centre moving from `from` to `to` (0..1 of the room to pan). */
export interface MotionPath {
  z0: number;
  z1: number;
  from: [number, number];
  to: [number, number];
}

// Directions cycled through so consecutive image scenes move differently.
const PATHS: readonly ((zoom: number) => MotionPath)[] = [
  (z) => ({ z0: 1, z1: 1 + z, from: [0.5, 0.5], to: [0.5, 0.4] }), // push in, drifting up
  (z) => ({ z0: 1 + z, z1: 1 + z, from: [0, 0.5], to: [1, 0.5] }), // pan left to right
  (z) => ({ z0: 1 + z, z1: 1, from: [0.7, 0.3], to: [0.5, 0.5] }), // pull out from the top right
  (z) => ({ z0: 1 + z, z1: 1 + z, from: [1, 0.6], to: [0, 0.4] }), // pan right to left
  (z) => ({ z0: 1, z1: 1 + z, from: [0.5, 0.5], to: [0.25, 0.65] }), // push in towards the lower left
];

/**
 * The Ken Burns path of scene `index` (1-based) lasting `durationSec`: 15 % of zoom (or pan
 * room) at most, less for short scenes, so the movement stays slow (~3 % a second at most).
 */
export function kenBurnsPath(index: number, durationSec: number): MotionPath {
  const zoom = Math.min(0.15, 0.03 * durationSec);
  return PATHS[(index - 1) % PATHS.length]!(round4(zoom));
}

/** zoompan's `z`, `x`, `y` for a path; `p` is the progress expression (0 at the first frame, 1 at the last). */
export function zoompanExpressions(path: MotionPath, p: string): { z: string; x: string; y: string } {
  const lerp = (a: number, b: number) => (a === b ? `${a}` : `${a}+${round4(b - a)}*${p}`);
  return {
    z: lerp(path.z0, path.z1),
    x: `(iw-iw/zoom)*(${lerp(path.from[0], path.to[0])})`,
    y: `(ih-ih/zoom)*(${lerp(path.from[1], path.to[1])})`,
  };
}

/** How much larger than the frame an image is scaled before zoompan: zoompan moves in whole input pixels, so this smooths the motion. */
const OVERSCAN = 2;

/**
 * The filter chain that turns a decoded image into the scene's background at `frame`:
 * `cover` scales to fill and crops, `contain` fits and pads with the scene colour; `ken-burns`
 * then zooms and pans over `frames` frames (`atFrame` renders just that one frame of the path,
 * for the next scene's transition), `none` holds the image still for `frames` frames.
 */
export function imageChain(
  scene: Pick<Scene, 'index' | 'fit' | 'motion'>,
  colour: string,
  frame: FrameSize & { fps: number },
  frames: number,
  atFrame?: number,
): string[] {
  const moving = scene.motion !== 'none';
  const k = moving ? OVERSCAN : 1;
  const w = even(frame.width * k);
  const h = even(frame.height * k);
  const fill =
    scene.fit === 'contain'
      ? [`scale=${w}:${h}:force_original_aspect_ratio=decrease`, `pad=${w}:${h}:(ow-iw)/2:(oh-ih)/2:color=${colour}`]
      : [`scale=${w}:${h}:force_original_aspect_ratio=increase`, `crop=${w}:${h}`];
  if (!moving) {
    // Scaled once, then repeated: cheaper than decoding and scaling a looped input every frame.
    const repeat =
      atFrame === undefined && frames > 1
        ? [`loop=loop=${frames - 1}:size=1:start=0`, `setpts=N/(${frame.fps}*TB)`]
        : [];
    return [...fill, 'setsar=1', 'format=yuv420p', ...repeat];
  }
  const path = kenBurnsPath(scene.index, frames / frame.fps);
  const last = Math.max(1, frames - 1);
  const p = atFrame === undefined ? `min(1\\,on/${last})` : `${round4(Math.min(1, atFrame / last))}`;
  const { z, x, y } = zoompanExpressions(path, p);
  const d = atFrame === undefined ? frames : 1;
  return [
    ...fill,
    'setsar=1',
    `zoompan=z=${z}:x=${x}:y=${y}:d=${d}:s=${frame.width}x${frame.height}:fps=${frame.fps}`,
    'setsar=1',
    'format=yuv420p',
  ];
}

/** How a clip begins: `crossfade` dissolves from the previous scene's last frame, `fade-black` dips through black. */
export interface TransitionIn {
  type: 'crossfade' | 'fade-black';
  /** Seconds at the start of the clip the transition takes (never more than half the clip). */
  durationSec: number;
}

/**
 * The transition at the start of a scene clip, or undefined (first scene, or `cut`). The
 * previous scene's last frame is drawn by this clip's own ffmpeg, so clips stay independent.
 */
export function transitionIn(
  transition: { type: 'crossfade' | 'fade-black' | 'cut'; durationSec: number },
  isFirst: boolean,
  clipSec: number,
  fps: number,
): TransitionIn | undefined {
  if (isFirst || transition.type === 'cut') return undefined;
  const durationSec = Math.floor(Math.min(transition.durationSec, clipSec / 2) * fps) / fps;
  if (durationSec < 1 / fps) return undefined;
  return { type: transition.type, durationSec: round4(durationSec) };
}

/**
 * Filter-graph text that lays the previous scene's last frame (`[prev]`, one frame) over the
 * scene's start (`[cur]`) and names the result `[out]`: for a crossfade the frame fades to
 * transparent over the whole transition; for fade-black it fades to black in the first half while
 * the scene fades in from black in the second.
 */
export function transitionGraph(t: TransitionIn, fps: number): string {
  const frames = Math.round(t.durationSec * fps);
  if (t.type === 'crossfade') {
    return (
      `[prev]format=yuva420p,loop=loop=${frames - 1}:size=1:start=0,setpts=N/(${fps}*TB),` +
      `fade=t=out:st=0:d=${t.durationSec}:alpha=1[fading];` +
      `[cur][fading]overlay=eof_action=pass:format=yuv420,format=yuv420p[out]`
    );
  }
  const half = Math.max(1, Math.floor(frames / 2));
  const halfSec = round4(half / fps);
  return (
    `[prev]loop=loop=${half - 1}:size=1:start=0,setpts=N/(${fps}*TB),fade=t=out:st=0:d=${halfSec}[fading];` +
    `[cur]fade=t=in:st=${halfSec}:d=${round4(t.durationSec - halfSec)}[entering];` +
    `[entering][fading]overlay=eof_action=pass:format=yuv420,format=yuv420p[out]`
  );
}

function even(n: number): number {
  return Math.round(n / 2) * 2;
}

function round4(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}
