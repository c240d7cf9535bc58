/**
 * startGlobalStream against a real SSE server (the `eventsource` client): after an ordinary
 * reconnect (the browser's own, no 204) the queue's paused flag is read again, since no event
 * carries it and the break may have hidden a pause.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventSource } from 'eventsource';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../src-renderer/api/api-client.js';
import { startGlobalStream } from '../../src-renderer/sse/global-stream.js';
import { appStore, resetAppStore } from '../../src-renderer/store/app-store.js';
import { item, STATS0 } from './fixtures.js';

let server: Server;
let baseUrl: string;
let connections = 0;
/** What GET /api/queue says; flipped while the stream is down. */
let paused = false;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url!.startsWith('/api/queue')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ jobs: [], stats: STATS0, queuePaused: paused }));
      return;
    }
    connections += 1;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const snapshot = { jobs: [item('j1', 1)], stats: { ...STATS0, total: 1, pending: 1 } };
    res.write(`retry: 50\n\nid: 1-${connections}\nevent: queue-snapshot\ndata: ${JSON.stringify(snapshot)}\n\n`);
    // The first connection breaks (the server drops it); the queue is paused meanwhile.
    if (connections === 1) {
      paused = true;
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  resetAppStore();
});

describe('startGlobalStream', () => {
  it('re-reads whether the queue is paused after the browser reconnects on its own', async () => {
    resetAppStore();
    const stop = startGlobalStream(createApiClient({ baseUrl, token: 't' }), EventSource as never);
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('queuePaused was not re-read within 5 s')), 5000);
        const check = () => {
          if (appStore.getState().queuePaused !== true) return;
          clearTimeout(timer);
          off();
          resolve();
        };
        const off = appStore.subscribe(check);
        check();
      });
      expect(connections).toBe(2);
      expect(appStore.getState().connection).toBe('caught-up');
    } finally {
      stop();
    }
  });
});
