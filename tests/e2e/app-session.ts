import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { newToken, startAura, type AuraServer } from './aura-server.js';
import { launchChromium } from './chromium.js';
import { openApp, type AppPage } from './ui-page.js';

/** One e2e file's world: a fresh data folder, a real `aura serve` on it, Chromium, the app open. */
export interface AppSession {
  dataDir: string;
  token: string;
  server: AuraServer;
  browser: Browser;
  app: AppPage;
}

/**
 * Opens a session before the tests of the file (or describe block) and closes it after them;
 * `prepare` runs on the empty data folder before the server starts (a broken settings file, a
 * picture for the form).
 */
export function useAppSession(name: string, prepare?: (dataDir: string) => void): AppSession {
  // Filled in by the beforeAll, so the tests and any beforeAll registered after this one find it
  // open. A test that restarts the server puts the new one in `server`: the one stopped at the end.
  const session = {} as AppSession;
  beforeAll(async () => {
    Object.assign(session, await openAppSession(name, prepare));
  });
  afterAll(() => closeAppSession(session));
  return session;
}

/** Starts the session: the data folder, `prepare` on it, the server and Chromium, the app open. */
async function openAppSession(name: string, prepare?: (dataDir: string) => void): Promise<AppSession> {
  const dataDir = mkdtempSync(join(tmpdir(), `aura-e2e-${name}-`));
  prepare?.(dataDir);
  const token = newToken();
  const [server, browser] = await Promise.all([startAura({ dataDir, token }), launchChromium()]);
  const app = await openApp(browser, server.pageUrl);
  return { dataDir, token, server, browser, app };
}

/** Closes the browser, stops the server (the one running now, after any restart) and removes the folder. */
async function closeAppSession(session: Partial<AppSession>): Promise<void> {
  await session.browser?.close();
  await session.server?.stop();
  if (session.dataDir) rmSync(session.dataDir, { recursive: true, force: true });
}
