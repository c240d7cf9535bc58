import { Field } from './Field.js';
import type { SectionProps } from './form-context.js';

/** The voice engine: always visible under the size. */
export function VoiceEngineField({ form, set, errors }: SectionProps) {
  return (
    <Field label="Voice" error={errors['voice.engine']}>
      {(p) => (
        <select
          {...p}
          value={form.voiceEngine}
          onChange={(e) => set('voiceEngine', e.target.value as typeof form.voiceEngine)}
        >
          <option value="auto">Automatic</option>
          <option value="espeak">espeak-ng</option>
          <option value="none">None (silent)</option>
        </select>
      )}
    </Field>
  );
}

/** The narrator's language/voice name and speaking rate. */
export function VoiceDetailFields({ form, set, errors }: SectionProps) {
  return (
    <div className="field-row">
      <Field
        label="Narrator language"
        error={errors['voice.voice']}
        help="A language or espeak-ng voice name: en, en-us, de, fr…"
      >
        {(p) => (
          <input
            {...p}
            type="text"
            value={form.voiceName}
            maxLength={64}
            spellCheck={false}
            onChange={(e) => set('voiceName', e.target.value)}
          />
        )}
      </Field>
      <Field label="Speaking rate (words per minute)" error={errors['voice.rate']}>
        {(p) => (
          <input
            {...p}
            type="number"
            inputMode="numeric"
            min={80}
            max={450}
            step={10}
            value={form.rate}
            onChange={(e) => set('rate', e.target.value)}
          />
        )}
      </Field>
    </div>
  );
}
