import { useEffect, useRef, useState } from 'react';
import { api, bridge } from '../../api/client.js';
import { errorMessage } from '../../api/api-error.js';

/**
 * The newest lines of the job's log, following new ones, and the whole file on request. In a
 * browser "Full log" is a link to a new tab. In the desktop app a new tab would be the OS
 * browser, and the link carries the token (`?token=`), so the whole log is fetched with the API
 * client and shown here instead.
 */
export function LogTail(props: { jobId: string; lines: readonly string[] }) {
  const ref = useRef<HTMLPreElement>(null);
  const [full, setFull] = useState<{ jobId: string; text: string } | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const fullText = full?.jobId === props.jobId ? full.text : null;
  useEffect(() => {
    const el = ref.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [props.lines, fullText]);

  const showFull = async () => {
    setLoading(true);
    setError(null);
    try {
      setFull({ jobId: props.jobId, text: await api().logText(props.jobId) });
    } catch (e) {
      setError(`Could not load the full log: ${errorMessage(e)}`);
    } finally {
      setLoading(false);
    }
  };

  const tail = props.lines.length > 0 ? props.lines.join('\n') : 'Nothing logged yet.';
  return (
    <section className="panel" aria-labelledby="log-heading">
      <div className="panel__head">
        <h3 id="log-heading">Log</h3>
        {!bridge() ? (
          <a href={api().logUrl(props.jobId)} target="_blank" rel="noopener noreferrer">
            Full log
          </a>
        ) : fullText === null ? (
          <button type="button" className="button" disabled={loading} onClick={() => void showFull()}>
            {loading ? 'Loading the full log…' : 'Full log'}
          </button>
        ) : (
          <button type="button" className="button" onClick={() => setFull(null)}>
            Latest lines
          </button>
        )}
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <pre className="log" ref={ref} tabIndex={0} aria-label={fullText === null ? 'Log tail' : 'Full log'}>
        {fullText ?? tail}
      </pre>
    </section>
  );
}
