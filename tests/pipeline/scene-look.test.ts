import { describe, expect, it } from 'vitest';
import { findFonts } from '../../src-main/pipeline/font.js';
import type { TimedScene } from '../../src-main/pipeline/job-files.js';
import { kenBurnsPath, transitionIn, zoompanExpressions } from '../../src-main/pipeline/scene-look.js';
import { buildSceneLooks, burnsCaptions, headingWarning } from '../../src-main/pipeline/scene-looks.js';
import { RenderSpecSchema, type RenderSpecInput } from '../../src-shared/spec.js';

describe('kenBurnsPath', () => {
  it('varies the direction from one scene to the next', () => {
    const paths = [1, 2, 3, 4, 5].map((i) => JSON.stringify(kenBurnsPath(i, 10)));
    expect(new Set(paths).size).toBe(5);
    expect(kenBurnsPath(6, 10)).toEqual(kenBurnsPath(1, 10));
  });
  it('moves slowly: at most 15 %, at most 3 % a second', () => {
    for (const sec of [1, 2, 5, 30]) {
      for (let i = 1; i <= 5; i++) {
        const p = kenBurnsPath(i, sec);
        const zoom = Math.max(p.z0, p.z1) - 1;
        expect(zoom).toBeLessThanOrEqual(Math.min(0.15, 0.03 * sec) + 1e-9);
        expect(Math.min(p.z0, p.z1)).toBeGreaterThanOrEqual(1);
      }
    }
  });
  it('zoompan expressions interpolate with the progress expression; constants stay constants', () => {
    expect(zoompanExpressions({ z0: 1, z1: 1.1, from: [0.5, 0.5], to: [0.5, 0.5] }, 'P')).toEqual({
      z: '1+0.1*P',
      x: '(iw-iw/zoom)*(0.5)',
      y: '(ih-ih/zoom)*(0.5)',
    });
  });
});

describe('transitionIn', () => {
  it.each([
    ['the first scene has none', { type: 'crossfade', durationSec: 0.5 }, true, 3, undefined],
    ['a cut has none', { type: 'cut', durationSec: 0.5 }, false, 3, undefined],
    [
      'a crossfade keeps its length',
      { type: 'crossfade', durationSec: 0.5 },
      false,
      3,
      { type: 'crossfade', durationSec: 0.5 },
    ],
    [
      'never more than half the clip',
      { type: 'fade-black', durationSec: 2 },
      false,
      1,
      { type: 'fade-black', durationSec: 0.5 },
    ],
    [
      'whole frames only',
      { type: 'crossfade', durationSec: 0.45 },
      false,
      3,
      { type: 'crossfade', durationSec: 0.4333 },
    ],
  ] as const)('%s', (_name, transition, isFirst, clipSec, expected) => {
    expect(transitionIn(transition, isFirst, clipSec, 30)).toEqual(expected);
  });
});

describe('buildSceneLooks', () => {
  const fonts = findFonts()!;
  const scenes: TimedScene[] = [1, 2, 3].map((index) => ({
    index,
    heading: `Scene ${index}`,
    narration: 'Some words.',
    background: '#112233',
    audioSec: 1,
    clipSec: 2,
  }));
  const looks = (extra: Partial<RenderSpecInput>) =>
    buildSceneLooks(
      scenes,
      RenderSpecSchema.parse({ title: 't', script: 'x', output: { width: 160, height: 90 }, ...extra }),
      fonts,
    );

  it('each scene after the first starts from the look of the one before it', () => {
    const built = looks({});
    expect(built[0]!.transition).toBeUndefined();
    expect(built[1]!.transition).toMatchObject({
      type: 'crossfade',
      durationSec: 0.5,
      previous: { scene: { index: 1 } },
    });
    expect(built[2]!.transition?.previous.scene.index).toBe(2);
    expect(built.every((l) => l.fadeOutSec === undefined)).toBe(true);
  });

  it('fade-black also fades the last scene out', () => {
    const built = looks({ transition: { type: 'fade-black', durationSec: 0.4 } });
    expect(built.map((l) => l.fadeOutSec)).toEqual([undefined, undefined, 0.4]);
  });

  it.each([
    ['both', true],
    ['burn', true],
    ['sidecar', false],
    ['none', false],
  ] as const)('captions %s burns captions: %s', (captions, burns) => {
    expect(burnsCaptions({ captions })).toBe(burns);
    expect(looks({ captions }).every((l) => l.burnCaptions === burns)).toBe(true);
  });

  it('warns only about a heading that did not fit', () => {
    const [fine] = looks({});
    expect(headingWarning(scenes[0]!, fine!)).toBeUndefined();
    const long = { ...scenes[0]!, heading: 'Much too long a heading for a tiny frame '.repeat(5) };
    const [cut] = buildSceneLooks(
      [long],
      RenderSpecSchema.parse({ title: 't', script: 'x', output: { width: 90, height: 160 } }),
      fonts,
    );
    expect(headingWarning(long, cut!)).toMatch(/^Scene 1's heading "Much too long[^"]*" is too long/);
    const sub = { ...scenes[0]!, subheadings: [{ text: 'A sub-heading far too long to fit '.repeat(5), offset: 0 }] };
    const [subCut] = buildSceneLooks(
      [sub],
      RenderSpecSchema.parse({ title: 't', script: 'x', output: { width: 90, height: 160 } }),
      fonts,
    );
    expect(headingWarning(sub, subCut!)).toMatch(/^Scene 1's sub-heading "A sub-heading far/);
  });
});
