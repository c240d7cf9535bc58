import { parseScript } from '../../../src-shared/script-sections.js';
import { newScene, type FormState, type SceneDraft } from '../../form/form-state.js';
import { EXAMPLE_SCRIPT } from '../../form/script-text.js';
import { Field } from './Field.js';
import type { SectionProps } from './form-context.js';
import { SceneCard } from './SceneCard.js';

/** The script as text, or (one click away, under it) the same content as an editable scene list. */
export function ContentFields({ form, set, errors, replace }: SectionProps & { replace: (next: FormState) => void }) {
  const toScenes = () => {
    // The scene list starts from the script as written; a list edited before is kept when the script is empty.
    const fromScript = parseScript(form.script).map((s) => newScene({ heading: s.heading, narration: s.narration }));
    const scenes = fromScript.length > 0 ? fromScript : form.scenes.length > 0 ? form.scenes : [newScene()];
    replace({ ...form, mode: 'scenes', scenes });
  };

  if (form.mode === 'script') {
    return (
      <>
        <Field
          label="Script"
          error={errors.script}
          help={
            <>
              A line starting with <code># </code> begins a scene; the paragraphs under it are its narration. For
              example:
              <pre className="example">{EXAMPLE_SCRIPT}</pre>
            </>
          }
        >
          {(p) => (
            <textarea
              {...p}
              rows={8}
              value={form.script}
              onChange={(e) => set('script', e.target.value)}
              placeholder={'# Your first scene\nWhat the narrator says…'}
              spellCheck
            />
          )}
        </Field>
        <button type="button" className="button scene-switch" onClick={toScenes}>
          Edit as scenes (images, colours, durations)
        </button>
      </>
    );
  }
  return <SceneList form={form} set={set} errors={errors} replace={replace} />;
}

function SceneList({ form, set, errors, replace }: SectionProps & { replace: (next: FormState) => void }) {
  const update = (index: number, patch: Partial<SceneDraft>) =>
    set(
      'scenes',
      form.scenes.map((s, i) => (i === index ? { ...s, ...patch } : s)),
    );
  const move = (index: number, by: -1 | 1) => {
    const scenes = [...form.scenes];
    const [scene] = scenes.splice(index, 1);
    scenes.splice(index + by, 0, scene!);
    set('scenes', scenes);
  };
  const remove = (index: number) =>
    set(
      'scenes',
      form.scenes.filter((_, i) => i !== index),
    );
  const toScript = () => {
    const script = form.scenes
      .map((s) => [s.heading ? `# ${s.heading}` : '#', s.narration].filter(Boolean).join('\n'))
      .join('\n\n');
    // A plain script cannot say images, colours or durations: the list stays in the draft, unsent.
    replace({ ...form, mode: 'script', script });
  };
  return (
    <fieldset className="form-group scene-list">
      <legend>Scenes</legend>
      {errors.scenes && <p className="field__error">{errors.scenes}</p>}
      <ol className="scene-list__items">
        {form.scenes.map((scene, index) => (
          <SceneCard
            key={scene.key}
            scene={scene}
            index={index}
            count={form.scenes.length}
            errors={errors}
            onChange={(patch) => update(index, patch)}
            onMove={(by) => move(index, by)}
            onRemove={() => remove(index)}
          />
        ))}
      </ol>
      <div className="actions">
        <button type="button" className="button" onClick={() => set('scenes', [...form.scenes, newScene()])}>
          Add scene
        </button>
        <button type="button" className="button button--quiet" onClick={toScript}>
          Back to a plain script
        </button>
      </div>
    </fieldset>
  );
}
