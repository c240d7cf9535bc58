import { z } from 'zod';

const hexColour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1d3557');
// multipleOf rather than a refine: the OpenAPI document then states the rule the server enforces.
const evenInRange = (min: number, max: number) => z.number().int().min(min).max(max).multipleOf(2, 'must be even');

export const SceneSpecSchema = z.strictObject({
  heading: z.string().max(200).default(''),
  narration: z.string().max(20_000).default(''),
  durationSec: z.number().min(0.5).max(600).optional(),
  background: hexColour.optional(),
  image: z
    .string()
    .regex(/^(\/|[A-Za-z]:[\\/])/, 'must be an absolute path')
    .optional(),
});

export const VoiceSpecSchema = z.strictObject({
  engine: z.enum(['auto', 'espeak', 'none']).default('auto'),
  voice: z.string().min(1).max(64).default('en'),
  rate: z.number().int().min(80).max(450).default(170),
});

export const OutputSpecSchema = z.strictObject({
  width: evenInRange(16, 7680).default(1280),
  height: evenInRange(16, 4320).default(720),
  fps: z.number().int().min(1).max(120).default(30),
  quality: z.enum(['draft', 'standard', 'high']).default('standard'),
});

/** The render spec: POST /api/render's body and the file `aura render` reads. */
export const RenderSpecSchema = z
  .strictObject({
    // Trimmed before the length check; the pattern tells the document a blank title is refused.
    title: z.string().trim().max(200).regex(/\S/, 'must not be blank'),
    script: z.string().min(1).max(200_000).optional(),
    scenes: z.array(SceneSpecSchema).min(1).max(500).optional(),
    voice: VoiceSpecSchema.default({ engine: 'auto', voice: 'en', rate: 170 }),
    output: OutputSpecSchema.default({ width: 1280, height: 720, fps: 30, quality: 'standard' }),
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
    }
  });

export type RenderSpecInput = z.input<typeof RenderSpecSchema>;
export type RenderSpec = z.output<typeof RenderSpecSchema>;
export type SceneSpec = z.output<typeof SceneSpecSchema>;
