import type { AuraBridge } from '../../src-shared/bridge.js';
import type { ApiClient } from './api-client.js';

let current: { api: ApiClient; bridge: AuraBridge | null } | null = null;

/** Installs the client the components use (once at start-up; tests install their own). */
export function installApi(api: ApiClient, bridge: AuraBridge | null): void {
  current = { api, bridge };
}

/** The installed API client. */
export function api(): ApiClient {
  if (!current) throw new Error('The API client is used before start-up installed it.');
  return current.api;
}

/** The Electron bridge for OS actions, or null in a browser. */
export function bridge(): AuraBridge | null {
  return current?.bridge ?? null;
}
