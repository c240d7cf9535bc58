import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testSteps } from '../helpers/test-steps.js';
import { waitUntil } from '../helpers/wait.js';
import { startTestHost, type TestHost } from './harness.js';

const MAX = 8;

/** A raw keep-alive connection that can send several requests and read each answer's status. */
class RawClient {
  readonly socket: Socket;
  #data = '';
  constructor(port: number) {
    this.socket = connect(port, '127.0.0.1');
    this.socket.on('error', () => undefined);
    this.socket.on('data', (chunk: Buffer) => (this.#data += chunk.toString('latin1')));
  }
  get closed(): boolean {
    return this.socket.destroyed || this.socket.readyState === 'closed';
  }
  async connected(): Promise<void> {
    if (this.socket.readyState === 'open') return;
    await new Promise((resolve) => this.socket.once('connect', resolve));
  }
  /** Sends a GET and resolves with the answer's status. */
  async get(port: number, path: string, token?: string): Promise<number> {
    this.#data = '';
    const auth = token ? `Authorization: Bearer ${token}\r\n` : '';
    this.socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${auth}Connection: keep-alive\r\n\r\n`);
    await waitUntil(`an answer to ${path}`, () => /\r\n\r\n/.test(this.#data) || this.closed, 10_000);
    return Number(/^HTTP\/1\.1 (\d{3})/.exec(this.#data)?.[1] ?? 0);
  }
}

describe('connection guard', () => {
  let t: TestHost;
  beforeAll(async () => {
    t = await startTestHost({
      steps: testSteps(),
      connections: { maxConnections: MAX, headersTimeoutMs: 1_000, keepAliveTimeoutMs: 60_000 },
    });
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it('past the cap the oldest silent socket goes first; the token holder keeps its connection', async () => {
    const holder = new RawClient(t.host.port);
    await holder.connected();
    expect(await holder.get(t.host.port, '/api/storage', t.host.token)).toBe(200);

    const silent: RawClient[] = [];
    for (let i = 0; i < MAX * 3; i += 1) {
      const client = new RawClient(t.host.port);
      silent.push(client);
      await client.connected().catch(() => undefined);
    }
    await waitUntil('silent sockets cut', () => silent.filter((c) => c.closed).length >= MAX * 2, 10_000);
    // The oldest went first: the newest are the ones still open.
    expect(silent.slice(0, MAX * 2).every((c) => c.closed)).toBe(true);

    // The token holder's connection was never cut, and still answers on the same socket.
    expect(holder.closed).toBe(false);
    expect(await holder.get(t.host.port, '/api/queue?limit=1', t.host.token)).toBe(200);
    // A newcomer (the UI loading, a health probe) gets in.
    expect((await t.fetch('/api/health')).status).toBe(200);
    for (const client of silent) client.socket.destroy();
    holder.socket.destroy();
  });

  it('a socket that sends half a request (slow loris) is cut after the headers timeout', async () => {
    const loris = new RawClient(t.host.port);
    await loris.connected();
    loris.socket.write(`GET /api/health HTTP/1.1\r\nHost: 127.0.0.1:${t.host.port}\r\nX-Slow: `);
    const started = Date.now();
    await waitUntil('the slow socket cut', () => loris.closed, 10_000);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
