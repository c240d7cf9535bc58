import { useApp } from '../../store/selectors.js';
import type { ConnectionStatus } from '../../store/app-store.js';

const TEXT: Record<ConnectionStatus, string | null> = {
  connecting: 'Connecting to the engine…',
  live: null,
  reconnecting: 'Disconnected from the engine. Reconnecting…',
  'caught-up': 'Reconnected. The queue is up to date.',
  unauthorized:
    'The engine restarted with a new access key. Open the link that “aura serve” printed (or restart the app) to reconnect.',
};

/** Says when the live connection is down, coming back, or back; silent while all is well. */
export function ConnectionBanner() {
  const status = useApp((s) => s.connection);
  const text = TEXT[status];
  return (
    <div className={`banner banner--${status}`} role="status" aria-live="polite" data-connection={status}>
      {text}
    </div>
  );
}
