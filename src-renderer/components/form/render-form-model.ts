import type { FieldError } from '../../../src-shared/problem.js';
import type { RenderSpecInput } from '../../../src-shared/spec.js';

/** The render form's fields, as strings the way the controls hold them. */
export interface RenderFormValues {
  title: string;
  script: string;
  /** `WIDTHxHEIGHT` */
  size: string;
  fps: string;
  quality: 'draft' | 'standard' | 'high';
  voice: 'auto' | 'espeak' | 'none';
}

export type RenderFormField = 'title' | 'script' | 'size' | 'fps' | 'quality' | 'voice';

export const SIZE_OPTIONS = [
  { value: '1920x1080', label: '1920 × 1080 (Full HD)' },
  { value: '1280x720', label: '1280 × 720 (HD)' },
  { value: '854x480', label: '854 × 480' },
  { value: '640x360', label: '640 × 360' },
  { value: '320x180', label: '320 × 180 (test)' },
  { value: '160x90', label: '160 × 90 (tiny)' },
  { value: '1080x1920', label: '1080 × 1920 (tall)' },
  { value: '720x1280', label: '720 × 1280 (tall)' },
] as const;

export const FPS_OPTIONS = ['24', '25', '30', '60'] as const;

export const EXAMPLE_SCRIPT = '# Sunlight\nSunlight holds every colour.\n\n# Scattering\nAir scatters blue light most.';

export const INITIAL_VALUES: RenderFormValues = {
  title: '',
  script: '',
  size: '1280x720',
  fps: '30',
  quality: 'standard',
  voice: 'auto',
};

/** The spec POST /api/render gets. Checking it is the server's job: its answer names the fields. */
export function toSpec(values: RenderFormValues): RenderSpecInput {
  const [width, height] = values.size.split('x').map(Number);
  return {
    title: values.title,
    script: values.script,
    voice: { engine: values.voice },
    output: { width: width ?? 1280, height: height ?? 720, fps: Number(values.fps), quality: values.quality },
  };
}

/** Which control shows a server field error (`output.width` → the size select, `scenes.2` → the script). */
export function fieldForPath(path: string): RenderFormField | null {
  const [head, second] = path.split('.');
  switch (head) {
    case 'title':
      return 'title';
    case 'script':
    case 'scenes':
      return 'script';
    case 'voice':
      return 'voice';
    case 'output':
      if (second === 'width' || second === 'height') return 'size';
      if (second === 'fps') return 'fps';
      if (second === 'quality') return 'quality';
      return 'size';
    default:
      return null;
  }
}

/** Field errors grouped per control; errors no control owns go to `form`. */
export function groupFieldErrors(errors: readonly FieldError[]): Partial<Record<RenderFormField | 'form', string>> {
  const out: Partial<Record<RenderFormField | 'form', string>> = {};
  for (const error of errors) {
    const field = fieldForPath(error.path) ?? 'form';
    const text = field === 'form' && error.path ? `${error.path}: ${error.message}` : error.message;
    out[field] = out[field] ? `${out[field]} ${text}` : text;
  }
  return out;
}
