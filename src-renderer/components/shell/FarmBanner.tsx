import { useEffect, useRef, useState } from 'react';
import { selectFarm, useApp } from '../../store/selectors.js';

/** How long "The render farm is back" stays before the banner goes quiet. */
const BACK_MS = 4000;

/**
 * Says plainly when the render farm's Redis cannot be reached (the API answers 503
 * FARM_UNAVAILABLE and no event comes), and that it is back; silent on one machine and while the
 * farm answers.
 */
export function FarmBanner() {
  const farm = useApp(selectFarm);
  const reachable = farm ? farm.reachable : null;
  const wasDown = useRef(false);
  const [back, setBack] = useState(false);
  useEffect(() => {
    if (reachable === false) {
      wasDown.current = true;
      setBack(false);
      return;
    }
    if (reachable !== true || !wasDown.current) return;
    wasDown.current = false;
    setBack(true);
    const timer = setTimeout(() => setBack(false), BACK_MS);
    return () => clearTimeout(timer);
  }, [reachable]);
  const state = reachable === false ? 'down' : back ? 'back' : 'quiet';
  return (
    <div className={`banner banner--farm-${state}`} role="status" aria-live="polite" data-farm={state}>
      {state === 'down' && farm && (
        <>
          The render farm cannot be reached (Redis at <code>{farm.url}</code>). What you see may be out of date and
          actions wait; renders on the farm carry on, nothing is lost, and this page catches up by itself when the farm
          is back.
        </>
      )}
      {state === 'back' && 'The render farm is back.'}
    </div>
  );
}
