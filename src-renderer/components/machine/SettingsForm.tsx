import { useEffect, useState, type FormEvent } from 'react';
import type { Settings } from '../../../src-shared/settings.js';
import { api } from '../../api/client.js';
import { ApiError, errorMessage } from '../../api/api-error.js';
import { notify } from '../../store/ui-store.js';
import { Field } from '../form/Field.js';

type Editable =
  'concurrency' | 'tempRetentionHours' | 'proxyRetentionHours' | 'stallWarningSeconds' | 'stallTimeoutSeconds';

const FIELDS: ReadonlyArray<{ key: Editable; label: string; help: string; step: string }> = [
  { key: 'concurrency', label: 'Renders at once', help: 'How many jobs run side by side (1–16).', step: '1' },
  {
    key: 'tempRetentionHours',
    label: 'Keep temporary files (hours)',
    help: 'What a failed job needs to resume.',
    step: '1',
  },
  { key: 'proxyRetentionHours', label: 'Keep previews (hours)', help: 'Scene thumbnails.', step: '1' },
  {
    key: 'stallWarningSeconds',
    label: 'Warn after no progress for (seconds)',
    help: 'A step that shows no progress this long gets a warning.',
    step: '1',
  },
  {
    key: 'stallTimeoutSeconds',
    label: 'Stop a stalled step after (seconds)',
    help: 'The job then fails and can be resumed.',
    step: '1',
  },
];

/** The engine settings people tune; saved at once, validated by the server. */
export function SettingsForm() {
  const [values, setValues] = useState<Record<Editable, string> | null>(null);
  const [errors, setErrors] = useState<Partial<Record<Editable | 'form', string>>>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    api()
      .settings()
      .then((s) => live && setValues(toValues(s)))
      .catch((e: unknown) => live && setErrors({ form: errorMessage(e) }));
    return () => {
      live = false;
    };
  }, []);

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!values) return;
    setBusy(true);
    try {
      const patch = Object.fromEntries(FIELDS.map((f) => [f.key, Number(values[f.key])])) as Partial<Settings>;
      const saved = await api().updateSettings(patch);
      setValues(toValues(saved));
      setErrors({});
      notify('Settings saved.');
    } catch (error) {
      if (error instanceof ApiError && error.fieldErrors.length > 0) {
        const next: Partial<Record<Editable | 'form', string>> = {};
        for (const e of error.fieldErrors) {
          const key = FIELDS.find((f) => f.key === e.path)?.key ?? 'form';
          next[key] = e.message;
        }
        setErrors(next);
      } else setErrors({ form: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card settings" onSubmit={save} aria-labelledby="settings-heading" noValidate>
      <h2 id="settings-heading">Settings</h2>
      {!values && !errors.form && <p role="status">Loading settings…</p>}
      {values &&
        FIELDS.map((f) => (
          <Field key={f.key} label={f.label} help={f.help} error={errors[f.key]}>
            {(p) => (
              <input
                {...p}
                type="number"
                inputMode="numeric"
                step={f.step}
                min={0}
                value={values[f.key]}
                onChange={(e) => setValues({ ...values, [f.key]: e.target.value })}
              />
            )}
          </Field>
        ))}
      {errors.form && (
        <p className="form-error" role="alert">
          {errors.form}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={busy || !values}>
          Save settings
        </button>
      </div>
    </form>
  );
}

function toValues(s: Settings): Record<Editable, string> {
  return Object.fromEntries(FIELDS.map((f) => [f.key, String(s[f.key])])) as Record<Editable, string>;
}
