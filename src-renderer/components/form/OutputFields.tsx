import { OUTPUT_ENCODERS } from '../../../src-shared/spec.js';
import { CUSTOM_SIZE, OTHER_SIZES, PLATFORM_PRESETS } from '../../form/presets.js';
import { Field } from './Field.js';
import type { SectionProps } from './form-context.js';

const FPS_CHOICES = ['24', '25', '30', '60'];

const ENCODER_LABELS: Record<(typeof OUTPUT_ENCODERS)[number], string> = {
  auto: 'Automatic (hardware when it works)',
  software: 'Software (libx264)',
  nvenc: 'NVIDIA NVENC',
  qsv: 'Intel Quick Sync',
  videotoolbox: 'Apple VideoToolbox',
  amf: 'AMD AMF',
};

/** Size by platform name, frame rate, quality: always visible, the choices made most often. */
export function OutputFields({ form, set, errors }: SectionProps) {
  // A frame rate from an imported spec that is not a usual one is still shown as chosen.
  const fpsChoices = form.fps && !FPS_CHOICES.includes(form.fps) ? [...FPS_CHOICES, form.fps] : FPS_CHOICES;
  return (
    <>
      <Field label="Output size" error={errors['output.size']}>
        {(p) => (
          <select {...p} value={form.size} onChange={(e) => set('size', e.target.value)}>
            <optgroup label="Platforms">
              {PLATFORM_PRESETS.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </optgroup>
            <optgroup label="Other sizes">
              {OTHER_SIZES.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
              <option value={CUSTOM_SIZE}>Custom size…</option>
            </optgroup>
          </select>
        )}
      </Field>
      <div className="field-row">
        <Field label="Frame rate" error={errors['output.fps']}>
          {(p) => (
            <select {...p} value={form.fps} onChange={(e) => set('fps', e.target.value)}>
              <option value="">30 fps (usual)</option>
              {fpsChoices.map((fps) => (
                <option key={fps} value={fps}>
                  {fps} fps
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Quality" error={errors['output.quality']}>
          {(p) => (
            <select {...p} value={form.quality} onChange={(e) => set('quality', e.target.value as typeof form.quality)}>
              <option value="draft">Draft (fastest)</option>
              <option value="standard">Standard</option>
              <option value="high">High (slowest)</option>
            </select>
          )}
        </Field>
      </div>
      {form.size === CUSTOM_SIZE && (
        <div className="field-row">
          <PixelField label="Width (px)" max={7680} value={form.customWidth} onChange={(v) => set('customWidth', v)} />
          <PixelField
            label="Height (px)"
            max={4320}
            value={form.customHeight}
            onChange={(v) => set('customHeight', v)}
          />
        </div>
      )}
    </>
  );
}

/** The encoder choice (in "More options": automatic is right for nearly everyone). */
export function EncoderField({ form, set, errors }: SectionProps) {
  return (
    <Field label="Encoder" error={errors['output.encoder']}>
      {(p) => (
        <select {...p} value={form.encoder} onChange={(e) => set('encoder', e.target.value as typeof form.encoder)}>
          {OUTPUT_ENCODERS.map((encoder) => (
            <option key={encoder} value={encoder}>
              {ENCODER_LABELS[encoder]}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A custom frame dimension: even pixels from 16 up to `max` (the spec's limits). */
function PixelField(props: { label: string; max: number; value: string; onChange: (value: string) => void }) {
  return (
    <Field label={props.label}>
      {(p) => (
        <input
          {...p}
          type="number"
          inputMode="numeric"
          step={2}
          min={16}
          max={props.max}
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
        />
      )}
    </Field>
  );
}
