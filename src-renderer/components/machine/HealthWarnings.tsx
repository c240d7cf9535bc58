import { useEffect, useState } from 'react';
import type { Health } from '../../../src-shared/job.js';
import { api } from '../../api/client.js';

/** What the engine found wrong at start-up (GET /api/health `warnings`, e.g. a corrupt settings.json). */
export function HealthWarnings() {
  const [warnings, setWarnings] = useState<Health['warnings']>([]);
  useEffect(() => {
    let live = true;
    api()
      .health()
      .then((h) => live && setWarnings(h.warnings))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  if (warnings.length === 0) return null;
  return (
    <section className="panel panel--warn" aria-labelledby="health-warnings-heading">
      <h2 id="health-warnings-heading">Needs your attention</h2>
      <ul className="warnings">
        {warnings.map((w) => (
          <li key={w.code} data-code={w.code}>
            <strong>{w.code === 'SETTINGS_CORRUPT' ? 'Settings file damaged' : w.code}</strong>: {w.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
