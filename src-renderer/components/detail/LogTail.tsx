import { useEffect, useRef } from 'react';
import { api } from '../../api/client.js';

/** The newest lines of the job's log, following new ones, with a link to the whole file. */
export function LogTail(props: { jobId: string; lines: readonly string[] }) {
  const ref = useRef<HTMLPreElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [props.lines]);
  return (
    <section className="panel" aria-labelledby="log-heading">
      <div className="panel__head">
        <h3 id="log-heading">Log</h3>
        <a href={api().logUrl(props.jobId)} target="_blank" rel="noopener noreferrer">
          Full log
        </a>
      </div>
      <pre className="log" ref={ref} tabIndex={0} aria-label="Log tail">
        {props.lines.length > 0 ? props.lines.join('\n') : 'Nothing logged yet.'}
      </pre>
    </section>
  );
}
