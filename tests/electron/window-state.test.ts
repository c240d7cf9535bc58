import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_WINDOW_STATE,
  fitToDisplays,
  loadWindowState,
  MIN_HEIGHT,
  MIN_WIDTH,
  saveWindowState,
  WINDOW_STATE_FILE,
  type Rect,
} from '../../src-main/electron/window-state.js';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'aura-window-state-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const file = (): string => path.join(dir, WINDOW_STATE_FILE);

describe('window state on disk', () => {
  it('round-trips what was saved', async () => {
    await saveWindowState(dir, { x: 40, y: 30, width: 1300, height: 820, maximized: true });
    expect(await loadWindowState(dir)).toEqual({ x: 40, y: 30, width: 1300, height: 820, maximized: true });
    const onDisk = JSON.parse(await fs.readFile(file(), 'utf8'));
    expect(onDisk.schemaVersion).toBe(1);
  });

  it('rounds fractional bounds (HiDPI) and creates the data folder when missing', async () => {
    const nested = path.join(dir, 'new', 'data');
    await saveWindowState(nested, { x: 10.4, y: 20.6, width: 1000.5, height: 700.2, maximized: false });
    expect(await loadWindowState(nested)).toEqual({ x: 10, y: 21, width: 1001, height: 700, maximized: false });
  });

  it('keeps no position when only one coordinate is known', async () => {
    await saveWindowState(dir, { x: 10, width: 900, height: 600, maximized: false });
    expect(await loadWindowState(dir)).toEqual({ width: 900, height: 600, maximized: false });
  });

  it('leaves no temp files behind after replacing the file', async () => {
    await saveWindowState(dir, { width: 900, height: 600, maximized: false });
    await saveWindowState(dir, { width: 901, height: 601, maximized: false });
    expect(await fs.readdir(dir)).toEqual([WINDOW_STATE_FILE]);
    expect(await loadWindowState(dir)).toMatchObject({ width: 901 });
  });

  it('refuses to save an invalid state and keeps the old file', async () => {
    await saveWindowState(dir, { width: 900, height: 600, maximized: false });
    await expect(saveWindowState(dir, { width: Number.NaN, height: 600, maximized: false })).rejects.toThrow();
    expect(await loadWindowState(dir)).toEqual({ width: 900, height: 600, maximized: false });
  });

  it('is undefined when the file is missing', async () => {
    expect(await loadWindowState(dir)).toBeUndefined();
  });

  it.each([
    ['empty', ''],
    ['truncated JSON', '{"schemaVersion":1,"width":90'],
    ['not an object', '[1,2,3]'],
    ['a future schema', '{"schemaVersion":2,"width":900,"height":600,"maximized":false}'],
    ['a negative size', '{"schemaVersion":1,"width":-5,"height":600,"maximized":false}'],
    ['a string size', '{"schemaVersion":1,"width":"900","height":600,"maximized":false}'],
    ['an absurd position', '{"schemaVersion":1,"x":1e12,"y":0,"width":900,"height":600,"maximized":false}'],
    ['unknown fields', '{"schemaVersion":1,"width":900,"height":600,"maximized":false,"evil":true}'],
  ])('is undefined for a corrupt file (%s)', async (_name, text) => {
    await fs.writeFile(file(), text);
    expect(await loadWindowState(dir)).toBeUndefined();
  });

  it('is undefined when the path is a folder, not a file', async () => {
    await fs.mkdir(file());
    expect(await loadWindowState(dir)).toBeUndefined();
  });
});

describe('fitToDisplays', () => {
  const laptop: Rect = { x: 0, y: 0, width: 1440, height: 875 };
  const rightMonitor: Rect = { x: 1440, y: 0, width: 2560, height: 1400 };

  it('uses the defaults when nothing was remembered', () => {
    expect(fitToDisplays(undefined, [rightMonitor])).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('keeps a position that is on a display', () => {
    const state = { x: 1600, y: 100, width: 1200, height: 800, maximized: false };
    expect(fitToDisplays(state, [laptop, rightMonitor])).toEqual(state);
  });

  it('drops the position when its display was unplugged', () => {
    const state = { x: 1600, y: 100, width: 1200, height: 800, maximized: true };
    expect(fitToDisplays(state, [laptop])).toEqual({ width: 1200, height: 800, maximized: true });
  });

  it('drops the position when only a sliver of the title bar would show', () => {
    expect(fitToDisplays({ x: 1400, y: 10, width: 1000, height: 700, maximized: false }, [laptop])).toEqual({
      width: 1000,
      height: 700,
      maximized: false,
    });
    expect(fitToDisplays({ x: 100, y: -700, width: 1000, height: 700, maximized: false }, [laptop])).not.toHaveProperty(
      'x',
    );
  });

  it('shrinks a window larger than every display and grows one below the minimum', () => {
    expect(fitToDisplays({ width: 5000, height: 3000, maximized: false }, [laptop])).toEqual({
      width: 1440,
      height: 875,
      maximized: false,
    });
    expect(fitToDisplays({ width: 100, height: 50, maximized: false }, [laptop])).toEqual({
      width: MIN_WIDTH,
      height: MIN_HEIGHT,
      maximized: false,
    });
  });

  it('works with a display left of or above the primary (negative coordinates)', () => {
    const left: Rect = { x: -1920, y: -200, width: 1920, height: 1080 };
    const state = { x: -1800, y: -150, width: 1200, height: 800, maximized: false };
    expect(fitToDisplays(state, [laptop, left])).toEqual(state);
  });
});
