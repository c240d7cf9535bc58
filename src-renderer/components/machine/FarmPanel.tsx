import { useEffect, useState, type FormEvent } from 'react';
import { maskRedisUrl, type FarmStatus } from '../../../src-shared/farm.js';
import type { Settings } from '../../../src-shared/settings.js';
import { api, bridge } from '../../api/client.js';
import { ApiError, errorMessage } from '../../api/api-error.js';
import { selectFarm, selectOnline, useApp } from '../../store/selectors.js';
import { notify } from '../../store/ui-store.js';
import { Field } from '../form/Field.js';

type FarmField = 'farmRedisUrl' | 'farmSharedDir';
type Saved = Pick<Settings, FarmField>;
type Errors = Partial<Record<FarmField | 'form', string>>;

/**
 * The render farm: which one the engine runs on now (its URL with the password masked, and
 * whether its Redis answers), and the form that joins one or leaves it at the next start
 * (`farmRedisUrl` + `farmSharedDir`, saved with PUT /api/settings, checked by the server).
 */
export function FarmPanel() {
  // The pair saved for the next start: undefined until read (the form reads and saves it).
  const [saved, setSaved] = useState<Saved | undefined>(undefined);
  return (
    <section className="card farm" aria-labelledby="farm-heading">
      <h2 id="farm-heading">Render farm</h2>
      <FarmNow saved={saved} />
      <JoinForm saved={saved ?? null} onSaved={setSaved} />
    </section>
  );
}

/** The farm this engine runs on now, from GET /api/farm (kept fresh by the farm watch), and what the next start changes. */
function FarmNow({ saved }: { saved: Saved | undefined }) {
  const farm = useApp(selectFarm);
  const desktop = bridge() !== null;
  if (farm === undefined) return null;
  const next = saved && nextStart(farm, saved, desktop);
  if (farm === null)
    return (
      <p data-testid="farm-now">
        {next
          ? `This machine renders on its own until ${next}.`
          : 'This machine renders on its own. To share the render queue with other machines, join a farm below.'}
      </p>
    );
  return (
    <div data-testid="farm-now">
      <p>
        On the farm at <code>{farm.url}</code>, shared folder <code>{farm.sharedDir}</code>.{' '}
        {farm.renders ? 'This machine renders farm jobs too.' : 'This machine serves the queue and does not render.'}
        {next && ` Saved for later: ${next}.`}
      </p>
      {farm.reachable ? (
        <p className="farm__state farm__state--up">Connected to the farm.</p>
      ) : (
        <p className="farm__state farm__state--down" role="alert">
          The farm’s Redis cannot be reached. Renders on the farm carry on and nothing is lost; this page catches up by
          itself when it is back.
        </p>
      )}
    </div>
  );
}

/**
 * What the saved pair changes at the next start, as the end of a sentence, or null when nothing:
 * "it joins the farm saved below the next time Aura Studio starts". Only the desktop app reads
 * the pair (`aura serve` takes --farm), so a farm run by flags with nothing saved is not "left".
 */
function nextStart(farm: FarmStatus['farm'], saved: Saved, desktop: boolean): string | null {
  const trim = (url: string | null) => url?.replace(/\/+$/, '') ?? null;
  if (saved.farmRedisUrl === null)
    return farm && desktop ? 'it leaves the farm the next time Aura Studio starts' : null;
  if (farm && trim(farm.url) === trim(saved.farmRedisUrl) && farm.sharedDir === saved.farmSharedDir) return null;
  return 'it joins the farm saved below the next time Aura Studio starts';
}

/** Join or leave a farm: two fields saved together, applied the next time the app starts. */
function JoinForm({ saved, onSaved: setSaved }: { saved: Saved | null; onSaved: (saved: Saved) => void }) {
  const aura = bridge();
  const online = useApp(selectOnline);
  const [url, setUrl] = useState('');
  const [dir, setDir] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    api()
      .settings()
      .then((s) => {
        if (!live) return;
        const pair = pairOf(s);
        setSaved(pair);
        setUrl(pair.farmRedisUrl ?? '');
        setDir(pair.farmSharedDir ?? '');
      })
      .catch((e: unknown) => live && setErrors({ form: errorMessage(e) }));
    return () => {
      live = false;
    };
  }, [setSaved]);

  async function send(patch: Saved, done: (s: Saved) => string) {
    setBusy(true);
    try {
      const next = pairOf(await api().updateSettings(patch));
      setSaved(next);
      setUrl(next.farmRedisUrl ?? '');
      setDir(next.farmSharedDir ?? '');
      setErrors({});
      notify(done(next));
    } catch (error) {
      setErrors(errorsOf(error));
    } finally {
      setBusy(false);
    }
  }

  function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void send({ farmRedisUrl: url.trim() || null, farmSharedDir: dir.trim() || null }, (next) =>
      next.farmRedisUrl
        ? `Saved. Aura Studio joins the farm at ${next.farmRedisUrl} the next time it starts.`
        : 'Saved. Aura Studio renders on its own from its next start.',
    );
  }

  function leave() {
    void send(
      { farmRedisUrl: null, farmSharedDir: null },
      () => 'Saved. Aura Studio leaves the farm the next time it starts.',
    );
  }

  const choose = aura?.chooseFarmFolder;
  const joined = Boolean(saved?.farmRedisUrl || saved?.farmSharedDir);
  return (
    <form className="farm__form" onSubmit={save} aria-labelledby="farm-join-heading" noValidate>
      <h3 id="farm-join-heading">{joined ? 'The farm this machine joins at start-up' : 'Join a farm at start-up'}</h3>
      {saved === null && !errors.form && <p role="status">Loading settings…</p>}
      {saved !== null && (
        <>
          <Field
            label="Redis URL"
            help={
              joined && saved.farmRedisUrl?.includes(':***@')
                ? 'The saved password shows as ***: leave it to keep it, or type the URL again with a new one.'
                : 'redis://:PASSWORD@HOST:6379/0, or rediss:// for TLS.'
            }
            error={errors.farmRedisUrl}
          >
            {(p) => (
              <input
                {...p}
                type="text"
                inputMode="url"
                spellCheck={false}
                autoComplete="off"
                placeholder="redis://:password@studio-redis:6379/0"
                value={url}
                onChange={(e) => setUrl(e.target.value)}
              />
            )}
          </Field>
          <Field
            label="Shared folder"
            help="The folder every machine of the farm mounts, as this machine sees it."
            error={errors.farmSharedDir}
          >
            {(p) => (
              <div className="path-input__row">
                <input
                  {...p}
                  type="text"
                  spellCheck={false}
                  autoComplete="off"
                  placeholder="/mnt/aura"
                  value={dir}
                  onChange={(e) => setDir(e.target.value)}
                />
                {choose && (
                  <button
                    type="button"
                    className="button"
                    onClick={() => void choose().then((path) => path && setDir(path))}
                  >
                    Choose…
                  </button>
                )}
              </div>
            )}
          </Field>
          <p className="muted farm__note">
            Applied the next time Aura Studio starts; until then this machine keeps working as it does now.
            {!aura && (
              <>
                {' '}
                (<code>aura serve</code> joins a farm with <code>--farm</code> and <code>--shared-dir</code>.)
              </>
            )}
          </p>
        </>
      )}
      {errors.form && (
        <p className="form-error" role="alert">
          {errors.form}
        </p>
      )}
      {saved !== null && (
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={busy || !online}>
            Save farm
          </button>
          {joined && (
            <button type="button" className="button" disabled={busy || !online} onClick={leave}>
              Leave the farm
            </button>
          )}
        </div>
      )}
    </form>
  );
}

/** The saved pair; the server already masks the password, and so does this, whatever answers. */
function pairOf(s: Settings): Saved {
  return { farmRedisUrl: s.farmRedisUrl && maskRedisUrl(s.farmRedisUrl), farmSharedDir: s.farmSharedDir };
}

/** The server's field errors on their fields; anything else on the form. */
function errorsOf(error: unknown): Errors {
  if (!(error instanceof ApiError) || error.fieldErrors.length === 0) return { form: errorMessage(error) };
  const next: Errors = {};
  for (const e of error.fieldErrors) {
    const key: FarmField | 'form' = e.path === 'farmRedisUrl' || e.path === 'farmSharedDir' ? e.path : 'form';
    next[key] = next[key] ? `${next[key]} ${e.message}` : e.message;
  }
  return next;
}
