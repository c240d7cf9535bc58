/**
 * The output sizes the form offers: the platform presets of the spec (`output.preset`) by the
 * name a creator knows them by, then a few small sizes for drafts and tests, then "Custom".
 */
import { OUTPUT_PRESET_NAMES, OUTPUT_PRESETS, type OutputPreset } from '../../src-shared/spec.js';

/** One choice of the "Output size" control. `value` is a preset id or `WIDTHxHEIGHT`. */
export interface SizeOption {
  value: string;
  label: string;
  width: number;
  height: number;
}

/** The presets, labelled with the platform and the size they render. */
export const PLATFORM_PRESETS: readonly (SizeOption & { value: OutputPreset })[] = OUTPUT_PRESET_NAMES.map((name) => {
  const preset = OUTPUT_PRESETS[name];
  return { ...preset, value: name, label: `${preset.label} · ${preset.width} × ${preset.height}` };
});

/** Sizes that are no platform's: quick drafts and tiny test renders. */
export const OTHER_SIZES: readonly SizeOption[] = [
  { value: '854x480', label: '854 × 480', width: 854, height: 480 },
  { value: '640x360', label: '640 × 360', width: 640, height: 360 },
  { value: '320x180', label: '320 × 180 (test)', width: 320, height: 180 },
  { value: '160x90', label: '160 × 90 (tiny test)', width: 160, height: 90 },
];

/** The "Output size" value that shows the width and height inputs. */
export const CUSTOM_SIZE = 'custom';

/** What a spec without any size renders at (1280×720, 30 fps): shown as that preset. */
export const DEFAULT_SIZE: OutputPreset = 'youtube-720p';

export function isPresetId(value: string): value is OutputPreset {
  return (OUTPUT_PRESET_NAMES as readonly string[]).includes(value);
}

/** The option for a size among the other sizes, if listed. */
export function otherSizeFor(width: number, height: number): SizeOption | undefined {
  return OTHER_SIZES.find((o) => o.width === width && o.height === height);
}

/** Width and height the form's size value stands for (custom: the typed numbers, NaN for junk). */
export function sizeOf(value: string, custom: { width: string; height: string }): { width: number; height: number } {
  const listed = [...PLATFORM_PRESETS, ...OTHER_SIZES].find((o) => o.value === value);
  if (listed) return { width: listed.width, height: listed.height };
  return { width: Number(custom.width), height: Number(custom.height) };
}
