import type { JobError } from '../../../src-shared/job.js';

/** Why the job failed, what to do about it, and the last lines the log had. */
export function ErrorPanel({ error }: { error: JobError }) {
  return (
    <section className="panel panel--bad" aria-labelledby="error-heading">
      <h3 id="error-heading">What went wrong</h3>
      <p>
        <strong>{error.message}</strong>
        <span className="muted">
          {' '}
          ({error.code}
          {error.step ? `, in ${error.step}` : ''})
        </span>
      </p>
      {error.suggestedActions.length > 0 && (
        <>
          <h4>What you can do</h4>
          <ul className="suggestions">
            {error.suggestedActions.map((action) => (
              <li key={action}>{action}</li>
            ))}
          </ul>
        </>
      )}
      {error.logTail.length > 0 && <pre className="log">{error.logTail.join('\n')}</pre>}
    </section>
  );
}
