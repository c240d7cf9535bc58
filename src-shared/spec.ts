import { z } from 'zod';
import { parseScript } from './script-sections.js';

const hexColour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1d3557');
// multipleOf and regex rather than refines: the OpenAPI document then states the rules the server enforces.
const evenInRange = (min: number, max: number) => z.number().int().min(min).max(max).multipleOf(2, 'must be even');
const absolutePath = z.string().regex(/^(\/|[A-Za-z]:[\\/])/, 'must be an absolute path');

/** Platform presets: size and frame rate a platform expects, with the name the form shows. */
export const OUTPUT_PRESETS = {
  'youtube-1080p': { width: 1920, height: 1080, fps: 30, label: 'YouTube 1080p (16:9)' },
  'youtube-720p': { width: 1280, height: 720, fps: 30, label: 'YouTube 720p (16:9)' },
  shorts: { width: 1080, height: 1920, fps: 30, label: 'Shorts, Reels, TikTok (9:16)' },
  square: { width: 1080, height: 1080, fps: 30, label: 'Square post (1:1)' },
  portrait: { width: 1080, height: 1350, fps: 30, label: 'Instagram portrait (4:5)' },
} as const;
export type OutputPreset = keyof typeof OUTPUT_PRESETS;
export const OUTPUT_PRESET_NAMES = Object.keys(OUTPUT_PRESETS) as [OutputPreset, ...OutputPreset[]];

/** H.264 encoder choice: `auto` probes for working hardware and falls back to libx264 (`software`). */
export const OUTPUT_ENCODERS = ['auto', 'software', 'nvenc', 'qsv', 'videotoolbox', 'amf'] as const;
export const CAPTION_MODES = ['both', 'burn', 'sidecar', 'none'] as const;
export const TRANSITION_TYPES = ['crossfade', 'fade-black', 'cut'] as const;
export const MOTIONS = ['ken-burns', 'none'] as const;
export const FITS = ['cover', 'contain'] as const;
export const MUSIC_EXTENSIONS = ['.mp3', '.m4a', '.wav', '.ogg'] as const;

/** Size and frame rate when neither a preset nor explicit values say otherwise. */
export const DEFAULT_OUTPUT = { width: 1280, height: 720, fps: 30 } as const;

export const SceneSpecSchema = z.strictObject({
  heading: z.string().max(200).default(''),
  narration: z.string().max(20_000).default(''),
  durationSec: z.number().min(0.5).max(600).optional(),
  background: hexColour.optional(),
  image: absolutePath.optional(),
  /** For an image: `ken-burns` (the default) slowly zooms and pans; `none` holds it still. */
  motion: z.enum(MOTIONS).optional(),
  /** For an image: `cover` (the default) fills the frame, cropping; `contain` shows all of it. */
  fit: z.enum(FITS).optional(),
});

export const VoiceSpecSchema = z.strictObject({
  engine: z.enum(['auto', 'espeak', 'none']).default('auto'),
  voice: z.string().min(1).max(64).default('en'),
  rate: z.number().int().min(80).max(450).default(170),
});

const OutputFieldsSchema = z.strictObject({
  preset: z.enum(OUTPUT_PRESET_NAMES).optional(),
  width: evenInRange(16, 7680).optional(),
  height: evenInRange(16, 4320).optional(),
  fps: z.number().int().min(1).max(120).optional(),
  quality: z.enum(['draft', 'standard', 'high']).default('standard'),
  encoder: z.enum(OUTPUT_ENCODERS).default('auto'),
});

/** The output section once validated: width, height and fps always resolved. */
const ResolvedOutputSchema = z.object({
  preset: z.enum(OUTPUT_PRESET_NAMES).optional(),
  width: z.number().int(),
  height: z.number().int(),
  fps: z.number().int(),
  quality: z.enum(['draft', 'standard', 'high']),
  encoder: z.enum(OUTPUT_ENCODERS),
});

/** What `resolveOutput` reads: a preset and any explicit size or frame rate. */
export interface OutputSizeInput {
  preset?: OutputPreset | undefined;
  width?: number | undefined;
  height?: number | undefined;
  fps?: number | undefined;
}

/**
 * The frame size and rate a spec's output asks for: explicit `width`/`height`/`fps` win over the
 * preset's, the preset's win over 1280×720@30. The one rule every consumer (pipeline, form, estimates) uses.
 */
export function resolveOutput(output: OutputSizeInput = {}): { width: number; height: number; fps: number } {
  const base = output.preset ? OUTPUT_PRESETS[output.preset] : DEFAULT_OUTPUT;
  return {
    width: output.width ?? base.width,
    height: output.height ?? base.height,
    fps: output.fps ?? base.fps,
  };
}

/** `output` as sent (preset and/or explicit values), parsed into one with the size and rate resolved. */
export const OutputSpecSchema = OutputFieldsSchema.transform((o) => ({ ...o, ...resolveOutput(o) })).pipe(
  ResolvedOutputSchema,
);

export const TransitionSpecSchema = z.strictObject({
  type: z.enum(TRANSITION_TYPES).default('crossfade'),
  durationSec: z.number().min(0.1).max(2).default(0.5),
});

/** `.mp3` → `\.[mM][pP]3`: JSON Schema patterns take no `i` flag, so the document gets the case-free form. */
const anyCase = (ext: string) => ext.replace(/\./g, '\\.').replace(/[a-z]/g, (c) => `[${c}${c.toUpperCase()}]`);

export const MusicSpecSchema = z.strictObject({
  path: z
    .string()
    .regex(
      new RegExp(`^(\\/|[A-Za-z]:[\\\\/]).*(${MUSIC_EXTENSIONS.map(anyCase).join('|')})$`),
      `must be the absolute path of a ${MUSIC_EXTENSIONS.join(', ')} file`,
    ),
  volumeDb: z.number().min(-40).max(0).default(-18),
  duck: z.boolean().default(true),
});

export const ThumbnailSpecSchema = z.strictObject({
  /** 0-based scene whose heading frame becomes the thumbnail. */
  scene: z.number().int().min(0).default(0),
});

/** The render spec: POST /api/render's body and the file `aura render` reads. */
export const RenderSpecSchema = z
  .strictObject({
    // Trimmed before the length check; the pattern tells the document a blank title is refused.
    title: z.string().trim().max(200).regex(/\S/, 'must not be blank'),
    script: z.string().min(1).max(200_000).optional(),
    scenes: z.array(SceneSpecSchema).min(1).max(500).optional(),
    voice: VoiceSpecSchema.default({ engine: 'auto', voice: 'en', rate: 170 }),
    output: OutputSpecSchema.prefault({}),
    transition: TransitionSpecSchema.prefault({}),
    music: MusicSpecSchema.optional(),
    captions: z.enum(CAPTION_MODES).default('both'),
    chapters: z.boolean().default(true),
    thumbnail: ThumbnailSpecSchema.prefault({}),
  })
  // The document says "exactly one of script or scenes" the way JSON Schema can; the refine enforces it.
  .meta({ oneOf: [{ required: ['script'] }, { required: ['scenes'] }] })
  .superRefine((spec, ctx) => {
    const has = Number(spec.script !== undefined) + Number(spec.scenes !== undefined);
    if (has !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: spec.script !== undefined ? ['script'] : ['scenes'],
        message: 'give exactly one of script or scenes',
      });
      return;
    }
    const sceneCount = spec.scenes?.length ?? parseScript(spec.script ?? '').length;
    if (sceneCount > 0 && spec.thumbnail.scene >= sceneCount) {
      ctx.addIssue({
        code: 'custom',
        path: ['thumbnail', 'scene'],
        message: `must be below the number of scenes (${sceneCount}); scenes count from 0`,
      });
    }
  });

export type RenderSpecInput = z.input<typeof RenderSpecSchema>;
export type RenderSpec = z.output<typeof RenderSpecSchema>;
export type SceneSpec = z.output<typeof SceneSpecSchema>;
export type TransitionSpec = z.output<typeof TransitionSpecSchema>;
export type MusicSpec = z.output<typeof MusicSpecSchema>;
export type CaptionMode = (typeof CAPTION_MODES)[number];
