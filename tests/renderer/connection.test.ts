import { describe, expect, it } from 'vitest';
import type { AuraBridge } from '../../src-shared/bridge.js';
import { resolveConnection, TOKEN_STORAGE_KEY, type ConnectionHost } from '../../src-renderer/api/connection.js';

/** A window-like host with a real URL, a Map-backed storage and a recorded history. */
function host(href: string, stored: Record<string, string> = {}, aura?: AuraBridge) {
  const storage = new Map(Object.entries(stored));
  const replaced: string[] = [];
  const h: ConnectionHost = {
    location: { href, origin: new URL(href).origin },
    history: { replaceState: (_d, _u, url) => void replaced.push(String(url)) },
    sessionStorage: { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v) },
    aura,
  };
  return { h, storage, replaced };
}

describe('resolveConnection', () => {
  it('takes ?token= once, keeps it in sessionStorage and removes it from the address bar', () => {
    const { h, storage, replaced } = host('http://127.0.0.1:4000/?token=abc123&x=1#/jobs/j1');
    expect(resolveConnection(h)).toEqual({ baseUrl: 'http://127.0.0.1:4000', token: 'abc123', bridge: null });
    expect(storage.get(TOKEN_STORAGE_KEY)).toBe('abc123');
    expect(replaced).toEqual(['/?x=1#/jobs/j1']);
  });

  it('finds the kept token after a reload without touching history', () => {
    const { h, replaced } = host('http://127.0.0.1:4000/#/machine', { [TOKEN_STORAGE_KEY]: 'kept' });
    expect(resolveConnection(h).token).toBe('kept');
    expect(replaced).toEqual([]);
  });

  it('has no token when there is neither a query nor a kept one', () => {
    expect(resolveConnection(host('http://127.0.0.1:4000/').h).token).toBeNull();
  });

  it('prefers the Electron bridge', () => {
    const aura = { serverUrl: 'http://127.0.0.1:5000/', token: 'from-preload' } as AuraBridge;
    const { h, replaced } = host('http://127.0.0.1:5000/?token=ignored', {}, aura);
    expect(resolveConnection(h)).toEqual({ baseUrl: 'http://127.0.0.1:5000', token: 'from-preload', bridge: aura });
    expect(replaced).toEqual([]);
  });
});
