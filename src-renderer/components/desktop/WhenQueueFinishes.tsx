import { useEffect, useState } from 'react';
import type { FinishAction, FinishCountdown } from '../../../src-shared/bridge.js';
import { bridge } from '../../api/client.js';
import { errorMessage } from '../../api/api-error.js';

const LABELS: Record<FinishAction, string> = {
  nothing: 'Do nothing',
  notify: 'Notify me',
  quit: 'Quit Aura Studio',
  sleep: 'Put the computer to sleep',
};

/** "Sleeping in 42 s" / "Quitting in 42 s". */
export function countdownText(countdown: FinishCountdown): string {
  const verb = countdown.action === 'sleep' ? 'The computer goes to sleep' : 'Aura Studio quits';
  return `Queue finished. ${verb} in ${countdown.secondsLeft} s.`;
}

/**
 * The desktop app's "When the queue finishes" choice, and the countdown before it quits or
 * sleeps with a Cancel button. Only where the preload offers it: a browser tab cannot do either.
 */
export function WhenQueueFinishes() {
  const aura = bridge();
  const [action, setAction] = useState<FinishAction | null>(null);
  const [countdown, setCountdown] = useState<FinishCountdown | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!aura?.getFinishAction || !aura.onFinishCountdown) return;
    void aura.getFinishAction().then(setAction, (error: unknown) => setProblem(errorMessage(error)));
    return aura.onFinishCountdown(setCountdown);
  }, [aura]);

  if (!aura?.setFinishAction || action === null) return null;
  const choose = (next: FinishAction) => {
    setAction(next);
    aura.setFinishAction!(next).catch((error: unknown) => setProblem(errorMessage(error)));
  };
  return (
    <section className="card finish-choice">
      <div className="field">
        <label htmlFor="finish-choice">When the queue finishes</label>
        <select id="finish-choice" value={action} onChange={(e) => choose(e.target.value as FinishAction)}>
          {(Object.keys(LABELS) as FinishAction[]).map((key) => (
            <option key={key} value={key}>
              {LABELS[key]}
            </option>
          ))}
        </select>
      </div>
      {countdown && (
        <div className="finish-countdown" role="alert">
          <span>{countdownText(countdown)}</span>
          <button type="button" className="button" onClick={() => void aura.cancelFinishCountdown?.()}>
            Cancel
          </button>
        </div>
      )}
      {problem && <p className="form-error">{problem}</p>}
    </section>
  );
}
