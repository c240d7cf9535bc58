import type { JobWarning } from '../../../src-shared/job.js';
import { formatTime } from '../../format/format.js';

/** Warnings such as a suspected stall, with what the engine saw. */
export function WarningList({ warnings }: { warnings: readonly JobWarning[] }) {
  if (warnings.length === 0) return null;
  return (
    <section className="panel panel--warn" aria-labelledby="warnings-heading">
      <h3 id="warnings-heading">Warnings</h3>
      <ul className="warnings">
        {warnings.map((w, i) => (
          <li key={`${w.code}-${i}`}>
            <strong>{w.code === 'STALL_SUSPECTED' ? 'Possible stall' : w.code}</strong>
            {w.step ? ` in ${w.step}` : ''} <span className="muted">({formatTime(w.at)})</span>
            <pre className="warning__message">{w.message}</pre>
          </li>
        ))}
      </ul>
    </section>
  );
}
