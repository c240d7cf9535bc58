import { routeHref, type Route } from '../../app/route.js';
import { useApp } from '../../store/selectors.js';
import { NotifyToggle } from './NotifyToggle.js';

/** App name and the two places to go: the queue and the machine. */
export function Header({ route }: { route: Route }) {
  const running = useApp((s) => s.queue.stats.running);
  const onQueue = route.view !== 'machine';
  return (
    <header className="app-header">
      <h1 className="brand">
        <span className="brand__mark" aria-hidden="true" />
        Aura Studio
      </h1>
      <nav aria-label="Main">
        <a href={routeHref({ view: 'queue' })} aria-current={onQueue ? 'page' : undefined}>
          Queue{running > 0 ? ` (${running} running)` : ''}
        </a>
        <a href={routeHref({ view: 'machine' })} aria-current={!onQueue ? 'page' : undefined}>
          Machine
        </a>
      </nav>
      <NotifyToggle />
    </header>
  );
}
