import type { SceneDraft } from '../../form/form-state.js';
import type { FieldKey } from '../../form/issue-sentences.js';
import { Field } from './Field.js';
import { PathInput } from './PathInput.js';

/** The colour a scene without its own shows in the picker (the pipeline picks one per scene). */
const PICKER_START = '#1d3557';

/** One scene of the scene list: what it says and shows, and how long it lasts. */
export function SceneCard(props: {
  scene: SceneDraft;
  index: number;
  count: number;
  errors: Record<FieldKey, string>;
  onChange: (patch: Partial<SceneDraft>) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  const { scene, index } = props;
  const number = index + 1;
  const error = (field: string) => props.errors[`scenes.${index}.${field}`];
  return (
    <li className="scene-card" aria-label={`Scene ${number}`}>
      <div className="scene-card__head">
        <span className="scene-card__number">Scene {number}</span>
        <div className="actions">
          <button
            type="button"
            className="button button--quiet"
            aria-label={`Move scene ${number} up`}
            disabled={index === 0}
            onClick={() => props.onMove(-1)}
          >
            ↑
          </button>
          <button
            type="button"
            className="button button--quiet"
            aria-label={`Move scene ${number} down`}
            disabled={index === props.count - 1}
            onClick={() => props.onMove(1)}
          >
            ↓
          </button>
          <button
            type="button"
            className="button button--quiet button--danger"
            aria-label={`Remove scene ${number}`}
            onClick={props.onRemove}
          >
            Remove
          </button>
        </div>
      </div>
      <Field hiddenPrefix={`Scene ${number} `} label="Heading" error={error('heading')}>
        {(p) => (
          <input
            {...p}
            type="text"
            maxLength={200}
            value={scene.heading}
            onChange={(e) => props.onChange({ heading: e.target.value })}
          />
        )}
      </Field>
      <Field hiddenPrefix={`Scene ${number} `} label="Narration" error={error('narration')}>
        {(p) => (
          <textarea
            {...p}
            rows={3}
            value={scene.narration}
            spellCheck
            onChange={(e) => props.onChange({ narration: e.target.value })}
          />
        )}
      </Field>
      <div className="field-row">
        <Field
          hiddenPrefix={`Scene ${number} `}
          label="Background"
          error={error('background')}
          help={scene.background ? undefined : 'Automatic colour'}
        >
          {(p) => (
            <div className="path-input__row">
              <input
                {...p}
                type="color"
                value={scene.background || PICKER_START}
                onChange={(e) => props.onChange({ background: e.target.value })}
              />
              {scene.background && (
                <button
                  type="button"
                  className="button button--quiet"
                  onClick={() => props.onChange({ background: '' })}
                >
                  Automatic
                </button>
              )}
            </div>
          )}
        </Field>
        <Field
          hiddenPrefix={`Scene ${number} `}
          label="Duration (s)"
          error={error('durationSec')}
          help={scene.duration ? undefined : 'As long as the narration'}
        >
          {(p) => (
            <input
              {...p}
              type="number"
              min={0.5}
              max={600}
              step={0.5}
              value={scene.duration}
              onChange={(e) => props.onChange({ duration: e.target.value })}
            />
          )}
        </Field>
      </div>
      <Field hiddenPrefix={`Scene ${number} `} label="Image" error={error('image')}>
        {(p) => (
          <PathInput
            control={p}
            kind="image"
            value={scene.image}
            onChange={(image) => props.onChange({ image })}
            placeholder="/full/path/to/picture.jpg"
          />
        )}
      </Field>
      {scene.image && (
        <div className="field-row">
          <Field hiddenPrefix={`Scene ${number} `} label="Motion" error={error('motion')}>
            {(p) => (
              <select
                {...p}
                value={scene.motion}
                onChange={(e) => props.onChange({ motion: e.target.value as SceneDraft['motion'] })}
              >
                <option value="ken-burns">Slow zoom and pan</option>
                <option value="none">Still</option>
              </select>
            )}
          </Field>
          <Field hiddenPrefix={`Scene ${number} `} label="Fit" error={error('fit')}>
            {(p) => (
              <select
                {...p}
                value={scene.fit}
                onChange={(e) => props.onChange({ fit: e.target.value as SceneDraft['fit'] })}
              >
                <option value="cover">Fill the frame (crop)</option>
                <option value="contain">Show all of it</option>
              </select>
            )}
          </Field>
        </div>
      )}
    </li>
  );
}
