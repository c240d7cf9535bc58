import { useEffect, useMemo, useRef, useState, type DragEvent, type FormEvent, type KeyboardEvent } from 'react';
import { parseScript } from '../../../src-shared/script-sections.js';
import { RenderSpecSchema } from '../../../src-shared/spec.js';
import { api } from '../../api/client.js';
import { ApiError, errorMessage } from '../../api/api-error.js';
import { browserStorage as storage, clearDraft, loadDraft, saveDraft } from '../../form/draft-storage.js';
import { isAdvancedSlot, staleErrors } from '../../form/error-slots.js';
import { estimateVideo } from '../../form/estimate.js';
import { downloadSpec } from '../../form/export-spec.js';
import { focusJobRow } from '../../form/focus-job-row.js';
import { formToSpec, specToForm } from '../../form/form-spec.js';
import { INITIAL_FORM, type FormState } from '../../form/form-state.js';
import { importFile } from '../../form/import-file.js';
import {
  groupProblems,
  problemsFromFieldErrors,
  problemsFromIssues,
  type FieldKey,
} from '../../form/issue-sentences.js';
import { formatDuration } from '../../format/format.js';
import { jobSubmitted } from '../../store/app-store.js';
import { ContentFields } from './ContentFields.js';
import { ExtrasFields } from './ExtrasFields.js';
import { Field } from './Field.js';
import { ImportExport } from './ImportExport.js';
import { MusicFields } from './MusicFields.js';
import { EncoderField, OutputFields } from './OutputFields.js';
import { VoiceDetailFields, VoiceEngineField } from './VoiceFields.js';
import { useFormRequests } from './use-form-requests.js';
import { useNoStrayFileDrops } from './use-no-stray-drops.js';

/** The form emptied of this video's content, its settings kept for the next one. */
function withoutContent(form: FormState): FormState {
  return { ...form, title: '', script: '', scenes: [], mode: 'script', thumbnailScene: '0' };
}

/**
 * The render form: everything a spec can say, checked here first (sentences at the fields),
 * then by the server (files it cannot read, at the scene that names them). The draft is kept in
 * localStorage until a job is really queued; Ctrl/Cmd+Enter renders.
 */
export function RenderForm() {
  const [form, setForm] = useState<FormState>(() => loadDraft(storage()) ?? INITIAL_FORM);
  const [errors, setErrors] = useState<Record<FieldKey, string>>({});
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [moreOpen, setMoreOpen] = useState(false);
  const [editingTitle, setEditingTitle] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => saveDraft(storage(), form), [form]);
  useNoStrayFileDrops();

  // After a check names bad fields, open where they are and put the keyboard on the first.
  useEffect(() => {
    if (Object.keys(errors).some(isAdvancedSlot)) setMoreOpen(true);
    requestAnimationFrame(() => {
      const first = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
      first?.focus({ preventScroll: true });
      first?.scrollIntoView?.({ block: 'nearest' });
    });
  }, [errors]);

  const load = (next: FormState, message: string) => {
    setForm(next);
    setErrors({});
    setStatus(message);
  };

  useFormRequests((spec, fromTitle) => {
    setEditingTitle(fromTitle);
    load(specToForm(spec), `Loaded “${fromTitle}”: change what you like and press Render.`);
  });

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    const stale = staleErrors(key);
    setErrors((e) =>
      Object.keys(e).some(stale) ? Object.fromEntries(Object.entries(e).filter(([k]) => !stale(k))) : e,
    );
  };
  const section = { form, set, errors };

  const estimate = useMemo(() => estimateVideo(form), [form]);
  const hasContent = form.title !== '' || form.script !== '' || form.scenes.length > 0 || editingTitle !== null;
  const sceneNames = useMemo(
    () => (form.mode === 'script' ? parseScript(form.script).map((s) => s.heading) : form.scenes.map((s) => s.heading)),
    [form.mode, form.script, form.scenes],
  );

  async function onImport(file: File) {
    const imported = await importFile(file);
    if (imported.kind === 'error') {
      setErrors({ form: imported.message });
      return;
    }
    if (imported.kind === 'script') {
      load(
        { ...form, mode: 'script', script: imported.script, title: form.title || imported.title },
        `Imported the script ${file.name}.`,
      );
    } else {
      load(specToForm(imported.spec), `Imported the spec ${file.name}.`);
    }
    setEditingTitle(null);
  }

  function onDrop(event: DragEvent<HTMLFormElement>) {
    const file = event.dataTransfer.files[0];
    if (!file) return;
    event.preventDefault();
    void onImport(file);
  }

  async function submit(event?: FormEvent<HTMLFormElement>) {
    event?.preventDefault();
    if (busy) return;
    const spec = formToSpec(form);
    const checked = RenderSpecSchema.safeParse(spec);
    if (!checked.success) {
      setErrors(groupProblems(problemsFromIssues(checked.error.issues), form.mode));
      setStatus('');
      return;
    }
    setBusy(true);
    setStatus('');
    try {
      const job = await api().render(spec);
      jobSubmitted(job);
      // Really queued: only now does the draft go (the settings stay for the next video).
      clearDraft(storage());
      setForm(withoutContent);
      setErrors({});
      setEditingTitle(null);
      setStatus(`Queued “${job.title}”.`);
      focusJobRow(job.jobId);
    } catch (error) {
      if (error instanceof ApiError && error.fieldErrors.length > 0) {
        setErrors(groupProblems(problemsFromFieldErrors(error.fieldErrors), form.mode));
      } else {
        setErrors({ form: errorMessage(error) });
      }
    } finally {
      setBusy(false);
    }
  }

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    }
  };

  return (
    <form
      ref={formRef}
      className="card render-form"
      onSubmit={submit}
      onKeyDown={onKeyDown}
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes('Files')) e.preventDefault();
      }}
      onDrop={onDrop}
      aria-labelledby="render-form-heading"
      noValidate
    >
      <div className="render-form__head">
        <h2 id="render-form-heading">{editingTitle ? `Edit & render “${editingTitle}” again` : 'New render'}</h2>
        <ImportExport
          onImport={(file) => void onImport(file)}
          onExport={() => setStatus(`Saved ${downloadSpec(formToSpec(form))}.`)}
          onStartOver={
            hasContent
              ? () => {
                  setEditingTitle(null);
                  load(withoutContent(form), '');
                }
              : null
          }
        />
      </div>
      <Field label="Title" error={errors.title}>
        {(p) => (
          <input
            {...p}
            type="text"
            value={form.title}
            onChange={(e) => set('title', e.target.value)}
            maxLength={200}
            autoComplete="off"
          />
        )}
      </Field>
      <ContentFields {...section} replace={(next) => load(next, '')} />
      <OutputFields {...section} />
      <VoiceEngineField {...section} />
      <details className="more-options" open={moreOpen} onToggle={(e) => setMoreOpen(e.currentTarget.open)}>
        <summary>More options: voice, music, transitions, captions, chapters, thumbnail, encoder</summary>
        <VoiceDetailFields {...section} />
        <MusicFields {...section} />
        <ExtrasFields {...section} sceneNames={sceneNames} />
        <EncoderField {...section} />
      </details>
      {errors.form && (
        <p className="form-error" role="alert">
          {errors.form}
        </p>
      )}
      <p className="form-status" role="status">
        {busy ? 'Starting…' : status}
      </p>
      <div className="form-actions">
        <button
          type="submit"
          className="button button--primary"
          disabled={busy}
          aria-keyshortcuts="Control+Enter Meta+Enter"
        >
          Render
        </button>
        <span className="form-estimate" aria-live="polite">
          {estimate.scenes === 0
            ? 'Write a script to see how long the video will be.'
            : `About ${formatDuration(estimate.seconds)} of video · ${estimate.scenes} ${estimate.scenes === 1 ? 'scene' : 'scenes'}`}
        </span>
      </div>
    </form>
  );
}
