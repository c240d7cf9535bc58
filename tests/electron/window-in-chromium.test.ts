/**
 * The app window as Electron shows it, in real (Debian) Chromium: the built renderer loaded
 * from a real host's loopback server with the window's CSP header (buildCsp) on every response
 * and `window.aura` installed before the page runs, as the preload does. The page must work
 * under that policy with no violation: queue visible, a render submitted from the form finishes.
 * (The Electron binary itself is exercised by smoke.test.ts where it exists.)
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type Host } from '../../src-main/host.js';
import { buildCsp, withCsp } from '../../src-main/electron/csp.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { testSteps } from '../helpers/test-steps.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';
const root = path.resolve(import.meta.dirname, '../..');
const hasChromium = fs.existsSync(CHROMIUM);
if (!hasChromium) console.log(`skipped: no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`);

let browser: Browser;
let host: Host;
let temp: ReturnType<typeof makeTempDir>;

beforeAll(async () => {
  if (!hasChromium) return;
  temp = makeTempDir('aura-window-');
  const rendererDir = path.join(temp.dir, 'renderer');
  await promisify(execFile)(
    process.execPath,
    [
      path.join(root, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'src-renderer/vite.config.ts',
      '--outDir',
      rendererDir,
      '--emptyOutDir',
      '--logLevel',
      'error',
    ],
    { cwd: root },
  );
  host = await startHost({
    dataDir: path.join(temp.dir, 'data'),
    rendererDir,
    steps: testSteps({ units: 3, unitMs: 20 }),
  });
  browser = await chromium.launch({ executablePath: CHROMIUM });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
  temp?.cleanup();
});

describe('the renderer under the Electron window policy', () => {
  it.skipIf(!hasChromium)('loads, shows the queue and finishes a render with no CSP violation', async () => {
    const page = await browser.newPage();
    const csp = buildCsp(host.url);
    // A CSP governs the document it arrives with: rewrite page loads only (an event stream's
    // body never ends, so it cannot be fetched whole here anyway).
    await page.route('**/*', async (route) => {
      if (route.request().resourceType() !== 'document') return route.continue();
      const response = await route.fetch();
      await route.fulfill({ response, headers: flatten(withCsp(multi(response.headers()), csp)) });
    });
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    // What the preload exposes (a plain object here: contextBridge freezes a copy the same way).
    await page.addInitScript(
      ({ serverUrl, token }) => {
        const call = async (): Promise<void> => undefined;
        Object.defineProperty(window, 'aura', {
          value: Object.freeze({
            serverUrl,
            token,
            showArtifactInFolder: call,
            openArtifact: call,
            openDataFolder: call,
            onOpenJob: () => () => undefined,
          }),
        });
        document.addEventListener('securitypolicyviolation', (event) =>
          console.error(`Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI}`),
        );
      },
      { serverUrl: host.url, token: host.token },
    );

    const response = await page.goto(`${host.url}/`);
    expect(response?.headers()['content-security-policy']).toBe(csp);
    await page.getByLabel('Title').fill('Window smoke');
    await page.getByLabel('Script').fill('# One\nHello from the window.');
    await page.getByRole('button', { name: 'Render', exact: true }).click();
    const row = page.getByRole('listitem', { name: /Window smoke/ });
    await row.waitFor({ timeout: 15_000 });
    await expect.poll(async () => host.engine.list({ status: 'completed' }).length, { timeout: 15_000 }).toBe(1);
    await page.getByRole('listitem', { name: /Window smoke.*(completed|done)/i }).waitFor({ timeout: 15_000 });
    expect(violations).toEqual([]);
    await page.close();
  });
});

describe('the desktop-only controls under the window policy', () => {
  it.skipIf(!hasChromium)(
    'show where the bridge offers them: the finish choice and its countdown, the ffmpeg picker',
    async () => {
      const page = await browser.newPage();
      const csp = buildCsp(host.url);
      await page.route('**/*', async (route) => {
        if (route.request().resourceType() !== 'document') return route.continue();
        const response = await route.fetch();
        await route.fulfill({ response, headers: flatten(withCsp(multi(response.headers()), csp)) });
      });
      const violations: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
      });
      // The bridge as the preload builds it, recording what the page asks of main.
      await page.addInitScript(
        ({ serverUrl, token }) => {
          const w = window as unknown as { calls: unknown[][]; tick?: (state: unknown) => void };
          w.calls = [];
          const record =
            (name: string) =>
            async (...args: unknown[]): Promise<void> =>
              void w.calls.push([name, ...args]);
          Object.defineProperty(window, 'aura', {
            value: Object.freeze({
              serverUrl,
              token,
              showArtifactInFolder: record('showArtifactInFolder'),
              openArtifact: record('openArtifact'),
              openDataFolder: record('openDataFolder'),
              onOpenJob: () => () => undefined,
              chooseImageFile: async () => '/pics/from-dialog.png',
              chooseMusicFile: async () => null,
              pathForFile: () => '',
              chooseFfmpeg: async () => ({ canceled: true }),
              useDefaultFfmpeg: record('useDefaultFfmpeg'),
              getFinishAction: async () => 'nothing',
              setFinishAction: record('setFinishAction'),
              cancelFinishCountdown: record('cancelFinishCountdown'),
              onFinishCountdown: (listener: (state: unknown) => void) => {
                w.tick = listener;
                return () => undefined;
              },
            }),
          });
        },
        { serverUrl: host.url, token: host.token },
      );
      await page.goto(`${host.url}/`);
      const choice = page.getByLabel('When the queue finishes');
      await choice.selectOption('sleep');
      await page.waitForFunction(() =>
        (window as unknown as { calls: unknown[][] }).calls.some((c) => c[0] === 'setFinishAction' && c[1] === 'sleep'),
      );
      await page.evaluate(() =>
        (window as unknown as { tick: (state: unknown) => void }).tick({ action: 'sleep', secondsLeft: 42 }),
      );
      await page.getByRole('alert').filter({ hasText: 'The computer goes to sleep in 42 s.' }).waitFor();
      await page.getByRole('button', { name: 'Cancel', exact: true }).click();
      await page.waitForFunction(() =>
        (window as unknown as { calls: unknown[][] }).calls.some((c) => c[0] === 'cancelFinishCountdown'),
      );
      // A scene image from the native dialog.
      await page.getByLabel('Script').fill('# One\nWords.');
      await page.getByRole('button', { name: /Edit as scenes/ }).click();
      await page.getByRole('button', { name: 'Choose…' }).first().click();
      await expect.poll(() => page.getByLabel('Scene 1 Image').inputValue()).toBe('/pics/from-dialog.png');
      await page.getByRole('link', { name: 'Machine' }).click();
      await page.getByRole('button', { name: 'Choose ffmpeg…' }).waitFor();
      expect(violations).toEqual([]);
      await page.close();
    },
  );
});

function multi(headers: Record<string, string>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]]));
}

function flatten(headers: Record<string, string[]>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, values]) => [name, values.join(', ')]));
}
