import { useCallback, useEffect, useState } from 'react';
import type { JobStatus } from '../../../src-shared/job.js';
import type { Diagnosis } from '../../../src-shared/queue.js';
import { api } from '../../api/client.js';
import { ApiError, errorMessage } from '../../api/api-error.js';
import { formatTime } from '../../format/format.js';

/**
 * The engine's diagnosis of the job (GET /api/jobs/{id}/diagnosis): what it sees on the machine
 * and what to do. Asked for when the view opens on an active job, when a stall warning arrives
 * (`warningCount` rises), when the status changes, and on "Check again".
 */
export function DiagnosisPanel(props: { jobId: string; status: JobStatus; warningCount: number }) {
  const [diagnosis, setDiagnosis] = useState<Diagnosis | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const active = props.status === 'running' || props.status === 'paused' || props.status === 'pending';

  const check = useCallback(async () => {
    setBusy(true);
    try {
      setDiagnosis(await api().diagnosis(props.jobId));
      setError(null);
    } catch (e) {
      // 404: the job is gone (or the engine cannot diagnose): nothing to show, not an error.
      if (e instanceof ApiError && e.status === 404) setDiagnosis(null);
      else setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }, [props.jobId]);

  // Asked again when the status changes (a paused job's diagnosis is not the running one's).
  useEffect(() => {
    if (active || props.warningCount > 0) void check();
  }, [active, props.status, props.warningCount, check]);

  if (!diagnosis && !error) return null;
  const healthy = diagnosis?.state === 'healthy';
  return (
    <section className={`panel${healthy ? '' : ' panel--warn'}`} aria-labelledby="diagnosis-heading">
      <div className="panel__head">
        <h3 id="diagnosis-heading">Diagnosis</h3>
        <button type="button" className="button" disabled={busy} onClick={() => void check()}>
          Check again
        </button>
      </div>
      {error && <p className="form-error">Could not diagnose the job: {error}</p>}
      {diagnosis && (
        <>
          <p>
            <strong>{diagnosis.summary}</strong>{' '}
            <span className="muted">(checked {formatTime(diagnosis.checkedAt)})</span>
          </p>
          {diagnosis.findings.length > 0 && (
            <ul className="findings">
              {diagnosis.findings.map((f) => (
                <li key={f.code}>{f.message}</li>
              ))}
            </ul>
          )}
          {diagnosis.suggestedActions.length > 0 && (
            <>
              <h4>What you can do</h4>
              <ul className="suggestions">
                {diagnosis.suggestedActions.map((a) => (
                  <li key={a}>{a}</li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}
