import { useCallback, useEffect, useState } from 'react';
import type { StorageStats } from '../../../src-shared/job.js';
import { api } from '../../api/client.js';
import { errorMessage } from '../../api/api-error.js';
import { formatBytes } from '../../format/format.js';
import { notify } from '../../store/ui-store.js';

/** Disk used by temp files, previews and finished videos, and a button to sweep leftovers now. */
export function StoragePanel() {
  const [stats, setStats] = useState<StorageStats | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      setStats(await api().storage());
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  async function sweep() {
    setBusy(true);
    try {
      const result = await api().sweep();
      notify(`Cleaned up ${result.tempRemoved} temp and ${result.proxyRemoved} preview folders.`);
      await load();
    } catch (e) {
      notify(`Could not clean up: ${errorMessage(e)}`, 'error');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="storage-heading">
      <h2 id="storage-heading">Storage</h2>
      {error && <p className="form-error">{error}</p>}
      {stats && (
        <dl className="storage">
          <dt>Temporary files</dt>
          <dd>
            {formatBytes(stats.temp.bytes)} <span className="muted">in {stats.temp.dirs} folders</span>
          </dd>
          <dt>Previews</dt>
          <dd>
            {formatBytes(stats.proxy.bytes)} <span className="muted">in {stats.proxy.dirs} folders</span>
          </dd>
          <dt>Finished videos</dt>
          <dd>
            {formatBytes(stats.artifacts.bytes)} <span className="muted">from {stats.artifacts.jobs} jobs</span>
          </dd>
        </dl>
      )}
      <p className="muted">
        Cleaning up removes leftovers of old jobs; it never touches a job that is waiting, running or paused.
      </p>
      <div className="actions">
        <button type="button" className="button" onClick={() => void sweep()} disabled={busy}>
          Clean up now
        </button>
        <button type="button" className="button button--quiet" onClick={() => void load()}>
          Refresh
        </button>
      </div>
    </section>
  );
}
