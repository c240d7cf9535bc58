import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../../api/client.js';
import { ApiError, errorMessage } from '../../api/api-error.js';
import { jobSubmitted } from '../../store/app-store.js';
import { Field } from './Field.js';
import {
  EXAMPLE_SCRIPT,
  FPS_OPTIONS,
  groupFieldErrors,
  INITIAL_VALUES,
  SIZE_OPTIONS,
  toSpec,
  type RenderFormField,
  type RenderFormValues,
} from './render-form-model.js';

type Errors = Partial<Record<RenderFormField | 'form', string>>;

/** Starts a render. The server checks the spec; its field errors are shown at their fields. */
export function RenderForm() {
  const [values, setValues] = useState<RenderFormValues>(INITIAL_VALUES);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [started, setStarted] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  // After the server names bad fields, put the keyboard on the first of them.
  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  const set = <K extends keyof RenderFormValues>(key: K, value: RenderFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    if (errors[key]) setErrors((e) => ({ ...e, [key]: undefined }));
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setStarted(null);
    try {
      const job = await api().render(toSpec(values));
      jobSubmitted(job);
      setErrors({});
      setStarted(job.title);
      setValues((v) => ({ ...v, title: '', script: '' }));
    } catch (error) {
      if (error instanceof ApiError && error.fieldErrors.length > 0) setErrors(groupFieldErrors(error.fieldErrors));
      else setErrors({ form: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form ref={formRef} className="card render-form" onSubmit={submit} aria-labelledby="render-form-heading" noValidate>
      <h2 id="render-form-heading">New render</h2>
      <Field label="Title" error={errors.title}>
        {(p) => (
          <input
            {...p}
            type="text"
            value={values.title}
            onChange={(e) => set('title', e.target.value)}
            maxLength={200}
            autoComplete="off"
          />
        )}
      </Field>
      <Field
        label="Script"
        error={errors.script}
        help={
          <>
            A line starting with <code># </code> begins a scene; the paragraphs under it are its narration. For example:
            <pre className="example">{EXAMPLE_SCRIPT}</pre>
          </>
        }
      >
        {(p) => (
          <textarea
            {...p}
            rows={8}
            value={values.script}
            onChange={(e) => set('script', e.target.value)}
            placeholder={'# Your first scene\nWhat the narrator says…'}
            spellCheck
          />
        )}
      </Field>
      <div className="field-row">
        <Field label="Output size" error={errors.size}>
          {(p) => (
            <select {...p} value={values.size} onChange={(e) => set('size', e.target.value)}>
              {SIZE_OPTIONS.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Frame rate" error={errors.fps}>
          {(p) => (
            <select {...p} value={values.fps} onChange={(e) => set('fps', e.target.value)}>
              {FPS_OPTIONS.map((fps) => (
                <option key={fps} value={fps}>
                  {fps} fps
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="field-row">
        <Field label="Quality" error={errors.quality}>
          {(p) => (
            <select
              {...p}
              value={values.quality}
              onChange={(e) => set('quality', e.target.value as RenderFormValues['quality'])}
            >
              <option value="draft">Draft (fastest)</option>
              <option value="standard">Standard</option>
              <option value="high">High (slowest)</option>
            </select>
          )}
        </Field>
        <Field label="Voice" error={errors.voice}>
          {(p) => (
            <select
              {...p}
              value={values.voice}
              onChange={(e) => set('voice', e.target.value as RenderFormValues['voice'])}
            >
              <option value="auto">Automatic</option>
              <option value="espeak">espeak-ng</option>
              <option value="none">None (silent)</option>
            </select>
          )}
        </Field>
      </div>
      {errors.form && (
        <p className="form-error" role="alert">
          {errors.form}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          Render
        </button>
        <span className="form-status" role="status">
          {busy ? 'Starting…' : started ? `Queued “${started}”.` : ''}
        </span>
      </div>
    </form>
  );
}
