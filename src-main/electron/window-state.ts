/**
 * The main window's size and position, remembered in `<data>/window-state.json`. Loading never
 * fails (a missing, corrupt or strange file means defaults) and a saved position is only used
 * while it is still on a connected display. No electron import: tested with real files.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeJsonAtomic } from '../engine/atomic-file.js';

export const WINDOW_STATE_FILE = 'window-state.json';
export const MIN_WIDTH = 720;
export const MIN_HEIGHT = 480;
export const DEFAULT_WIDTH = 1200;
export const DEFAULT_HEIGHT = 800;
/** How much of the window's title bar must be on a display for the saved position to count. */
const MIN_VISIBLE = 64;

const coordinate = z.number().int().min(-100_000).max(100_000);
const extent = z.number().int().min(1).max(100_000);

const WindowStateSchema = z.strictObject({
  schemaVersion: z.literal(1),
  x: coordinate.optional(),
  y: coordinate.optional(),
  width: extent,
  height: extent,
  maximized: z.boolean(),
});
/** What is remembered. `x`/`y` absent: let the OS place the window. */
export type WindowState = Omit<z.infer<typeof WindowStateSchema>, 'schemaVersion'>;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: DEFAULT_WIDTH, height: DEFAULT_HEIGHT, maximized: false };

/** Reads the remembered state; undefined when absent, unreadable, corrupt or invalid. */
export async function loadWindowState(dataDir: string): Promise<WindowState | undefined> {
  let text: string;
  try {
    text = await fs.readFile(path.join(dataDir, WINDOW_STATE_FILE), 'utf8');
  } catch {
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = WindowStateSchema.safeParse(json);
  if (!parsed.success) return undefined;
  const { schemaVersion: _version, ...state } = parsed.data;
  return state;
}

/** Writes the state atomically (temp file, fsync, rename), after validating it. */
export async function saveWindowState(dataDir: string, state: WindowState): Promise<void> {
  const record = WindowStateSchema.parse({ schemaVersion: 1, ...roundState(state) });
  await fs.mkdir(dataDir, { recursive: true });
  await writeJsonAtomic(path.join(dataDir, WINDOW_STATE_FILE), record);
}

function roundState(state: WindowState): WindowState {
  const out: WindowState = {
    width: Math.round(state.width),
    height: Math.round(state.height),
    maximized: state.maximized,
  };
  if (state.x !== undefined && state.y !== undefined) {
    out.x = Math.round(state.x);
    out.y = Math.round(state.y);
  }
  return out;
}

/**
 * The state to open with on the current displays' work areas: size clamped between the minimum
 * and the largest work area; the position dropped (OS places the window) when its top strip
 * would not be on any display, e.g. after a monitor was unplugged.
 */
export function fitToDisplays(state: WindowState | undefined, workAreas: readonly Rect[]): WindowState {
  const base = state ?? DEFAULT_WINDOW_STATE;
  const maxWidth = Math.max(MIN_WIDTH, ...workAreas.map((area) => area.width));
  const maxHeight = Math.max(MIN_HEIGHT, ...workAreas.map((area) => area.height));
  const width = clamp(base.width, MIN_WIDTH, maxWidth);
  const height = clamp(base.height, MIN_HEIGHT, maxHeight);
  const out: WindowState = { width, height, maximized: base.maximized };
  if (base.x === undefined || base.y === undefined) return out;
  const titleBar: Rect = { x: base.x, y: base.y, width, height: Math.min(height, MIN_VISIBLE) };
  const visible = workAreas.some((area) => {
    const shared = overlap(titleBar, area);
    return shared.width >= MIN_VISIBLE && shared.height > 0;
  });
  if (visible) {
    out.x = base.x;
    out.y = base.y;
  }
  return out;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { width: Math.max(0, width), height: Math.max(0, height) };
}
