import type { AuraBridge } from '../../src-shared/bridge.js';
import { routeHref } from './route.js';

/**
 * Opens a job's detail view when the desktop app asks (a click on its "render finished"
 * notification): the hash changes and the router follows. Returns an unsubscribe; a no-op in a
 * browser or with an older bridge that has no `onOpenJob`.
 */
export function followOpenJobRequests(bridge: AuraBridge | null, location: { hash: string }): () => void {
  return (
    bridge?.onOpenJob?.((jobId) => {
      location.hash = routeHref({ view: 'job', jobId });
    }) ?? (() => undefined)
  );
}
