import type { RenderSpec } from '../../src-shared/spec.js';
import type { Fonts } from './font.js';
import type { TimedScene } from './job-files.js';
import type { LookedScene, SceneLook } from './scene-graph.js';
import { transitionIn } from './scene-look.js';
import { planSceneText } from './scene-text.js';

/** Whether the spec's caption mode burns captions into the picture. */
export const burnsCaptions = (spec: Pick<RenderSpec, 'captions'>): boolean =>
  spec.captions === 'both' || spec.captions === 'burn';

/**
 * Every scene's look, in order: its laid-out text, and the transition it begins with, which
 * carries the previous scene's look (a crossfade starts from that scene's last frame). The last
 * scene of a fade-black video also fades out.
 */
export function buildSceneLooks(scenes: readonly TimedScene[], spec: RenderSpec, fonts: Fonts): SceneLook[] {
  const frame = { width: spec.output.width, height: spec.output.height, fps: spec.output.fps };
  const looked: LookedScene[] = scenes.map((scene) => ({
    scene: {
      index: scene.index,
      background: scene.background,
      ...(scene.image !== undefined ? { image: scene.image, motion: scene.motion, fit: scene.fit } : {}),
    },
    clipSec: scene.clipSec,
    text: planSceneText(scene, scene.clipSec, frame, fonts),
  }));
  return looked.map((look, i) => {
    const t = transitionIn(spec.transition, i === 0, look.clipSec, frame.fps);
    const result: SceneLook = { ...look, frame, fonts, burnCaptions: burnsCaptions(spec) };
    if (t) result.transition = { ...t, previous: looked[i - 1]! };
    const isLast = i === looked.length - 1;
    if (isLast && spec.transition.type === 'fade-black') {
      result.fadeOutSec = Math.floor(Math.min(spec.transition.durationSec, look.clipSec / 2) * frame.fps) / frame.fps;
    }
    return result;
  });
}

/** A scene's heading or sub-headings that did not fit even at the smallest size, as a warning's message; undefined when all fit. */
export function headingWarning(
  scene: Pick<TimedScene, 'index' | 'heading' | 'subheadings'>,
  look: SceneLook,
): string | undefined {
  const { heading, subheadings } = look.text;
  const tooLong = [
    ...(heading && !heading.fits ? [`heading "${scene.heading}"`] : []),
    ...subheadings.flatMap((sub, i) => (sub.fits ? [] : [`sub-heading "${scene.subheadings?.[i]?.text ?? ''}"`])),
  ];
  if (tooLong.length === 0) return undefined;
  const what = tooLong.join(' and ');
  return `Scene ${scene.index}'s ${what} ${tooLong.length > 1 ? 'are' : 'is'} too long for two lines of the frame even at the smallest size, so ${tooLong.length > 1 ? 'they are' : 'it is'} cut short or broken mid-word on screen. Shorten ${tooLong.length > 1 ? 'them' : 'it'} or split the scene.`;
}
