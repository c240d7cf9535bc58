/**
 * The desktop app end to end with Playwright's Electron driver: launch, the queue view appears,
 * submit a tiny render, quit cleanly with nothing left running. Needs the Electron binary (npm
 * downloads it unless ELECTRON_SKIP_BINARY_DOWNLOAD=1); without it the test is skipped and says so.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../scripts/electron-binary.mjs';
import { makeTempDir } from '../helpers/temp-dir.js';

const root = path.resolve(import.meta.dirname, '../..');
const electron = findElectronBinary();
if (!electron.found) console.log(`skipped: no Electron binary (${electron.reason})`);

// Made and removed by hooks, which vitest skips with the test when there is no binary (a folder
// made at import would be left behind then).
let temp: ReturnType<typeof makeTempDir>;
beforeAll(() => {
  temp = makeTempDir('aura-electron-');
});
afterAll(() => temp?.cleanup());

/** Processes whose command line mentions `needle` (ffmpeg children get paths under the data dir). */
function processesMentioning(needle: string): string[] {
  if (process.platform === 'win32') return [];
  const out = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return out.split('\n').filter((line) => line.includes(needle));
}

/** The test's environment minus ELECTRON_RUN_AS_NODE, which would start Electron as plain Node. */
function electronEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && name !== 'ELECTRON_RUN_AS_NODE') env[name] = value;
  }
  return env;
}

describe('the desktop app', () => {
  it.skipIf(!electron.found)(
    'launches, shows the queue, renders a tiny job and quits cleanly',
    async () => {
      if (!electron.found) return;
      execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
      const { _electron } = await import('playwright-core');
      const dataDir = path.join(temp.dir, 'data');
      const app = await _electron.launch({
        executablePath: electron.path,
        // An explicit --data-dir also gives the app its own profile, so it runs beside a user's Aura.
        args: [root, `--data-dir=${dataDir}`],
        cwd: root,
        env: electronEnv(),
      });
      try {
        const page = await app.firstWindow();
        await page.getByLabel('Title').waitFor({ timeout: 30_000 });

        // The window is locked down as promised: no Node in the page, no new windows, no leaving the app.
        expect(
          await page.evaluate(() => [
            typeof (globalThis as { require?: unknown }).require,
            typeof (globalThis as { process?: unknown }).process,
          ]),
        ).toEqual(['undefined', 'undefined']);
        expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
        const appUrl = page.url();
        await page.evaluate(() => {
          window.location.href = 'file:///etc/passwd';
        });
        expect(page.url()).toBe(appUrl);
        const bridge = await page.evaluate(() => {
          const aura = (window as unknown as { aura?: Record<string, unknown> }).aura;
          return aura ? Object.keys(aura).sort() : null;
        });
        expect(bridge).toEqual([
          'onOpenJob',
          'openArtifact',
          'openDataFolder',
          'serverUrl',
          'showArtifactInFolder',
          'token',
        ]);

        // A tiny render through the same API the form uses, with the token the preload gave the page.
        const title = 'Electron smoke';
        const status = await page.evaluate(async (jobTitle) => {
          const aura = (window as unknown as { aura: { serverUrl: string; token: string } }).aura;
          const response = await fetch(`${aura.serverUrl}/api/render`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${aura.token}` },
            body: JSON.stringify({
              title: jobTitle,
              scenes: [{ heading: 'One', narration: 'Hi.', durationSec: 1, background: '#1d3557' }],
              voice: { engine: 'none' },
              output: { width: 160, height: 90, fps: 10, quality: 'draft' },
            }),
          });
          return response.status;
        }, title);
        expect(status).toBe(201);
        await page
          .getByRole('listitem', { name: new RegExp(`${title}.*(completed|done)`, 'i') })
          .waitFor({ timeout: 90_000 });
        expect(fs.existsSync(path.join(dataDir, 'server.json'))).toBe(true);
      } finally {
        await app.close();
      }
      // Quit closed the host: server.json gone, no child process left behind.
      expect(fs.existsSync(path.join(dataDir, 'server.json'))).toBe(false);
      expect(processesMentioning(dataDir)).toEqual([]);
    },
    180_000,
  );
});
