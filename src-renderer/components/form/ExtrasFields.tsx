import { Field } from './Field.js';
import type { SectionProps } from './form-context.js';

/** Transitions, captions, chapters and the thumbnail's scene. */
export function ExtrasFields({ form, set, errors, sceneNames }: SectionProps & { sceneNames: string[] }) {
  const thumbnailChoices = sceneNames.length > 0 ? sceneNames : [''];
  const thumbnailKnown = Number(form.thumbnailScene) < thumbnailChoices.length;
  return (
    <>
      <div className="field-row">
        <Field label="Transition" error={errors.transition}>
          {(p) => (
            <select
              {...p}
              value={form.transition}
              onChange={(e) => set('transition', e.target.value as typeof form.transition)}
            >
              <option value="crossfade">Crossfade</option>
              <option value="fade-black">Fade through black</option>
              <option value="cut">Cut</option>
            </select>
          )}
        </Field>
        {form.transition !== 'cut' && (
          <Field label="Transition length (s)">
            {(p) => (
              <input
                {...p}
                type="number"
                min={0.1}
                max={2}
                step={0.1}
                value={form.transitionSec}
                onChange={(e) => set('transitionSec', e.target.value)}
              />
            )}
          </Field>
        )}
      </div>
      <div className="field-row">
        <Field label="Captions" error={errors.captions}>
          {(p) => (
            <select
              {...p}
              value={form.captions}
              onChange={(e) => set('captions', e.target.value as typeof form.captions)}
            >
              <option value="both">Burned in + .srt/.vtt files</option>
              <option value="burn">Burned in only</option>
              <option value="sidecar">.srt/.vtt files only</option>
              <option value="none">None</option>
            </select>
          )}
        </Field>
        <Field label="Thumbnail" error={errors.thumbnail}>
          {(p) => (
            <select {...p} value={form.thumbnailScene} onChange={(e) => set('thumbnailScene', e.target.value)}>
              {thumbnailChoices.map((name, i) => (
                <option key={i} value={String(i)}>
                  {`Scene ${i + 1}${name ? `: ${name}` : ''}`}
                </option>
              ))}
              {!thumbnailKnown && (
                <option value={form.thumbnailScene}>{`Scene ${Number(form.thumbnailScene) + 1}`}</option>
              )}
            </select>
          )}
        </Field>
      </div>
      <label className="check">
        <input type="checkbox" checked={form.chapters} onChange={(e) => set('chapters', e.target.checked)} />
        Chapters: one per scene heading (embedded, and a YouTube chapter list)
      </label>
    </>
  );
}
