import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cleanup } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { createApiClient } from '../../src-renderer/api/api-client.js';
import { installApi } from '../../src-renderer/api/client.js';
import { resetAppStore } from '../../src-renderer/store/app-store.js';

/**
 * Registers what a renderer test against a real HTTP server needs (happy-dom): the server on a
 * random port answering with `handler`, the page at its origin (as when `aura serve` serves it),
 * the API client pointed at it with token `t0ken`, a fresh store each test, and a window-sized
 * viewport for the virtualized job list (happy-dom does no layout; the e2e tests cover the real one).
 */
export function usePageAgainst(handler: RequestListener): { readonly baseUrl: string } {
  let server: Server;
  const page = { baseUrl: '' };
  beforeAll(async () => {
    server = createServer(handler);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    page.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    for (const prop of ['clientHeight', 'clientWidth'] as const) {
      Object.defineProperty(window.HTMLElement.prototype, prop, {
        configurable: true,
        get(this: HTMLElement) {
          return this.classList.contains('job-list') ? 900 : 0;
        },
      });
    }
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  beforeEach(() => {
    (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(`${page.baseUrl}/`);
    installApi(createApiClient({ baseUrl: page.baseUrl, token: 't0ken' }), null);
    resetAppStore();
  });
  afterEach(cleanup);
  return page;
}
