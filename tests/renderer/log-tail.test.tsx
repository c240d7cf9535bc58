// @vitest-environment happy-dom
/**
 * LogTail's "Full log": a link in a browser; in the desktop app (bridge present) the log is
 * fetched with the token in the header and shown in the page, never as a ?token= link that
 * Electron would hand to the OS browser.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AuraBridge } from '../../src-shared/bridge.js';
import { createApiClient } from '../../src-renderer/api/api-client.js';
import { installApi } from '../../src-renderer/api/client.js';
import { LogTail } from '../../src-renderer/components/detail/LogTail.js';

let server: Server;
let baseUrl: string;
const seen: Array<{ url: string; authorization: string | undefined }> = [];

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    seen.push({ url: req.url!, authorization: req.headers.authorization });
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('[info] line 1\n[info] line 2\n[error] the whole story\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  // Same origin as the server, as the desktop window's page is (served by the loopback server).
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(`${baseUrl}/`);
});
afterEach(cleanup);

const desktopBridge = (): AuraBridge => ({
  serverUrl: baseUrl,
  token: 't0ken',
  showArtifactInFolder: () => Promise.resolve(),
  openArtifact: () => Promise.resolve(),
  openDataFolder: () => Promise.resolve(),
});

describe('LogTail', () => {
  it('links the full log in a browser', () => {
    installApi(createApiClient({ baseUrl, token: 't0ken' }), null);
    render(<LogTail jobId="j1" lines={['[info] tail']} />);
    const link = screen.getByRole('link', { name: 'Full log' });
    expect(link.getAttribute('href')).toBe(`${baseUrl}/api/jobs/j1/log?token=t0ken`);
  });

  it('in the desktop app shows the full log in the page, with no token in any URL', async () => {
    installApi(createApiClient({ baseUrl, token: 't0ken' }), desktopBridge());
    render(<LogTail jobId="j1" lines={['[info] tail']} />);
    expect(screen.queryByRole('link')).toBeNull();
    expect(screen.getByLabelText('Log tail').textContent).toBe('[info] tail');
    fireEvent.click(screen.getByRole('button', { name: 'Full log' }));
    const full = await screen.findByLabelText('Full log');
    expect(full.textContent).toContain('[error] the whole story');
    expect(seen.at(-1)).toEqual({ url: '/api/jobs/j1/log', authorization: 'Bearer t0ken' });
    fireEvent.click(screen.getByRole('button', { name: 'Latest lines' }));
    expect(screen.getByLabelText('Log tail').textContent).toBe('[info] tail');
  });
});
