import type { AuraBridge } from '../../src-shared/bridge.js';

/** Where the engine's loopback API is, and the per-launch token that opens it. */
export interface Connection {
  /** Origin of the loopback server, without a trailing slash. */
  readonly baseUrl: string;
  /** Null when this window was opened without a token (the UI then says how to get one). */
  readonly token: string | null;
  /** The Electron preload bridge, or null in a plain browser. */
  readonly bridge: AuraBridge | null;
}

/** The parts of `window` the connection depends on, so tests can hand in their own. */
export interface ConnectionHost {
  readonly location: { readonly href: string; readonly origin: string };
  readonly history: { replaceState(data: unknown, unused: string, url?: string | URL | null): void };
  readonly sessionStorage: Pick<Storage, 'getItem' | 'setItem'>;
  readonly aura?: AuraBridge | undefined;
}

export const TOKEN_STORAGE_KEY = 'aura.token';

/**
 * Finds the server and token. In Electron both come from the preload bridge. In a browser the
 * token arrives once as `?token=` (the link `aura serve` prints); it is kept in sessionStorage
 * and removed from the address bar at once, so it does not end up in history or screenshots.
 */
export function resolveConnection(host: ConnectionHost): Connection {
  if (host.aura) {
    return { baseUrl: trimSlash(host.aura.serverUrl), token: host.aura.token, bridge: host.aura };
  }
  const url = new URL(host.location.href);
  const fromQuery = url.searchParams.get('token');
  if (fromQuery) {
    host.sessionStorage.setItem(TOKEN_STORAGE_KEY, fromQuery);
    url.searchParams.delete('token');
    host.history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  const token = fromQuery || host.sessionStorage.getItem(TOKEN_STORAGE_KEY);
  return { baseUrl: trimSlash(host.location.origin), token: token || null, bridge: null };
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
