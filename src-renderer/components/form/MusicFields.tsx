import { Field } from './Field.js';
import type { SectionProps } from './form-context.js';
import { PathInput } from './PathInput.js';

/** A music bed under the whole video: file, volume, and whether it ducks under the narration. */
export function MusicFields({ form, set, errors }: SectionProps) {
  return (
    <fieldset className="form-group">
      <legend>Music</legend>
      <Field
        label="Music file"
        error={errors['music.path']}
        help="An .mp3, .m4a, .wav or .ogg file: looped or trimmed to the video, faded in and out."
      >
        {(p) => (
          <PathInput
            control={p}
            kind="music"
            value={form.musicPath}
            onChange={(value) => set('musicPath', value)}
            placeholder="/full/path/to/music.mp3"
          />
        )}
      </Field>
      {form.musicPath.trim() !== '' && (
        <div className="field-row">
          <Field label="Music volume (dB)" error={errors['music.volumeDb']}>
            {(p) => (
              <input
                {...p}
                type="number"
                min={-40}
                max={0}
                step={1}
                value={form.musicVolumeDb}
                onChange={(e) => set('musicVolumeDb', e.target.value)}
              />
            )}
          </Field>
          <label className="check">
            <input type="checkbox" checked={form.musicDuck} onChange={(e) => set('musicDuck', e.target.checked)} />
            Lower the music under the narration
          </label>
        </div>
      )}
    </fieldset>
  );
}
