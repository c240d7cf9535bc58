import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src-main/engine/engine.js';
import { bundledFfmpegPath } from '../../src-main/pipeline/ffmpeg-locate.js';
import { findFonts } from '../../src-main/pipeline/font.js';
import { planSceneText } from '../../src-main/pipeline/scene-text.js';
import { fontMeasure } from '../../src-main/pipeline/text-measure.js';
import type { RenderSpecInput, SceneSpec } from '../../src-shared/spec.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { columnsWhere, frameAt, meanDifference } from './helpers/frames.js';
import { startPipelineEngine } from './helpers/pipeline-engine.js';
import { renderJob } from './helpers/render-job.js';

// Real renders with the app's default ffmpeg (the bundled 2018 build: no xfade), decoded frame by frame.
let engine: Engine;
let temp: ReturnType<typeof makeTempDir>;
let image: string;
beforeAll(async () => {
  temp = makeTempDir('aura-look-');
  engine = await startPipelineEngine(join(temp.dir, 'data'));
  image = join(temp.dir, 'test card.png');
  await execa(bundledFfmpegPath() ?? 'ffmpeg', [
    '-v',
    'error',
    '-f',
    'lavfi',
    '-i',
    'testsrc=s=320x200',
    '-frames:v',
    '1',
    image,
  ]);
}, 60_000);
afterAll(async () => {
  await engine?.close();
  temp?.cleanup();
});

const spec = (
  size: [number, number],
  scenes: Partial<SceneSpec>[],
  extra: Partial<RenderSpecInput> = {},
): RenderSpecInput => ({
  title: 'look',
  scenes: scenes.map((s) => ({ heading: '', narration: '', durationSec: 1, ...s })),
  voice: { engine: 'none' },
  output: { width: size[0], height: size[1], fps: 30, quality: 'draft' },
  ...extra,
});
const isWhite = ([r, g, b]: [number, number, number]) => r > 170 && g > 170 && b > 170;

describe('text that always fits', () => {
  it('a 9:16 render with a long heading: its pixels never touch the left or right edge', async () => {
    const [w, h] = [90, 160];
    const { output, job } = await renderJob(
      engine,
      spec([w, h], [{ heading: 'Octopuses you never knew about', background: '#1d3557', durationSec: 1 }]),
    );
    const frame = await frameAt(output, 0.5, w, h);
    const headingColumns = columnsWhere(frame, 0, Math.round(h * 0.45), isWhite);
    // The heading is really there, spread over most of the width...
    expect(headingColumns.length).toBeGreaterThan(w * 0.4);
    // ...and clear of both edges (the safe margin is 8 % of the width: 7 px).
    expect(Math.min(...headingColumns)).toBeGreaterThanOrEqual(3);
    expect(Math.max(...headingColumns)).toBeLessThanOrEqual(w - 4);
    expect(job.warnings).toEqual([]);
  });

  it("drawtext's heading is as wide as the shipped font's advances say (what the layout measured)", async () => {
    const [w, h] = [640, 360];
    const heading = 'Octopuses you never knew about';
    const { output } = await renderJob(engine, spec([w, h], [{ heading, background: '#000000', durationSec: 1 }]));
    const plan = planSceneText({ heading, narration: '' }, 1, { width: w, height: h }, findFonts()!);
    const line = plan.heading!.lines[0]!;
    const predicted = fontMeasure(findFonts()!.bold)(line, plan.heading!.sizePx);
    const top = plan.heading!.ys[0]!;
    const frame = await frameAt(output, 0.5, w, h);
    const columns = columnsWhere(frame, top, top + plan.heading!.sizePx, isWhite);
    const drawn = Math.max(...columns) - Math.min(...columns) + 1;
    // Ink is a little narrower than the advances (side bearings), never wider.
    expect(drawn).toBeGreaterThan(predicted * 0.95);
    expect(drawn).toBeLessThanOrEqual(predicted + 2);
  });

  it('a heading too long for the frame even at the smallest size is cut and warned about, naming the scene', async () => {
    const heading = 'An astonishingly long heading that no phone screen could ever hold in two lines';
    const { output, job } = await renderJob(engine, spec([90, 160], [{}, { heading }]));
    expect(job.warnings).toEqual([
      expect.objectContaining({
        code: 'HEADING_TOO_LONG',
        step: 'visuals',
        message: expect.stringContaining('Scene 2'),
      }),
    ]);
    const frame = await frameAt(output, 1.8, 90, 160);
    const columns = columnsWhere(frame, 0, 70, isWhite);
    expect(Math.min(...columns)).toBeGreaterThanOrEqual(3);
    expect(Math.max(...columns)).toBeLessThanOrEqual(86);
  });

  it('captions are burned in for "both" and left out of the picture for "sidecar"', async () => {
    const narration = 'Words to read on screen.';
    const bottomBand = async (captions: 'both' | 'sidecar') => {
      const { output } = await renderJob(
        engine,
        spec([160, 90], [{ narration, background: '#3a5a40', durationSec: 2 }], { captions }),
      );
      const frame = await frameAt(output, 1, 160, 90);
      return columnsWhere(frame, 50, 90, isWhite).length;
    };
    expect(await bottomBand('both')).toBeGreaterThan(20);
    expect(await bottomBand('sidecar')).toBe(0);
  });
});

describe('transitions on the bundled ffmpeg', () => {
  const red = { background: '#ff0000' };
  const blue = { background: '#0000ff' };

  it('a crossfade: the boundary frame mixes both scenes, each scene is pure away from it', async () => {
    const { output } = await renderJob(
      engine,
      spec([160, 90], [red, blue], { transition: { type: 'crossfade', durationSec: 0.5 } }),
    );
    const [r1, , b1] = (await frameAt(output, 0.5, 160, 90)).at(80, 45);
    const [rm, , bm] = (await frameAt(output, 1.25, 160, 90)).at(80, 45);
    const [r2, , b2] = (await frameAt(output, 1.8, 160, 90)).at(80, 45);
    expect(r1).toBeGreaterThan(200);
    expect(b1).toBeLessThan(50);
    expect(rm).toBeGreaterThan(70);
    expect(bm).toBeGreaterThan(70);
    expect(r2).toBeLessThan(50);
    expect(b2).toBeGreaterThan(200);
  });

  it('a crossfade starts from the very frame the scene before ended on (motion and heading included)', async () => {
    const scenes = [
      { image, motion: 'ken-burns' as const, heading: 'First', durationSec: 2 },
      { image, motion: 'ken-burns' as const, heading: 'Second', durationSec: 2 },
    ];
    const { output } = await renderJob(
      engine,
      // High quality, so what difference is left is the frames' content, not the encoder's noise.
      spec([160, 90], scenes, {
        transition: { type: 'crossfade', durationSec: 1 },
        output: { width: 160, height: 90, fps: 30, quality: 'high' },
      }),
    );
    const lastOfFirst = await frameAt(output, 2 - 1 / 30, 160, 90);
    const firstOfSecond = await frameAt(output, 2, 160, 90);
    const wellIntoSecond = await frameAt(output, 3.5, 160, 90);
    // What is left at the boundary is the encoder's noise (~2 of 255 on this busy test card), a
    // small part of the change the crossfade then makes.
    const boundary = meanDifference(lastOfFirst, firstOfSecond);
    const change = meanDifference(lastOfFirst, wellIntoSecond);
    expect(change).toBeGreaterThan(8);
    expect(boundary).toBeLessThan(change * 0.25);
  });

  it('fade-black dips through black between the scenes; a cut goes straight across', async () => {
    const faded = await renderJob(
      engine,
      spec([160, 90], [red, blue], { transition: { type: 'fade-black', durationSec: 0.6 } }),
    );
    // 0.3 s into the second scene: the first has faded out and the second has not yet come in.
    const dip = (await frameAt(faded.output, 1.27, 160, 90)).at(80, 45);
    expect(Math.max(...dip)).toBeLessThan(60);
    const cut = await renderJob(engine, spec([160, 90], [red, blue], { transition: { type: 'cut' } }));
    const [r, , b] = (await frameAt(cut.output, 1.05, 160, 90)).at(80, 45);
    expect(r).toBeLessThan(50);
    expect(b).toBeGreaterThan(200);
  });
});

describe('moving images', () => {
  it('a ken-burns image scene changes over time; its motion "none" twin holds still', async () => {
    const still = async (motion: 'ken-burns' | 'none') => {
      const { output } = await renderJob(engine, spec([160, 90], [{ image, motion, durationSec: 2 }]));
      return meanDifference(await frameAt(output, 0.1, 160, 90), await frameAt(output, 1.9, 160, 90));
    };
    const moving = await still('ken-burns');
    const held = await still('none');
    expect(moving).toBeGreaterThan(8);
    expect(held).toBeLessThan(2);
  });

  it('fit cover fills the frame; contain shows the whole image on the scene colour', async () => {
    // A 320x200 (16:10) card in a 9:16 frame: contain leaves bands above and below.
    const corner = async (fit: 'cover' | 'contain') => {
      const { output } = await renderJob(
        engine,
        spec([90, 160], [{ image, fit, motion: 'none', background: '#000000', durationSec: 1 }]),
      );
      return (await frameAt(output, 0.5, 90, 160)).at(45, 155);
    };
    expect(Math.max(...(await corner('contain')))).toBeLessThan(30);
    expect(Math.max(...(await corner('cover')))).toBeGreaterThan(60);
  });
});
