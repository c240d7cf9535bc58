/**
 * `npm start` and `npm run dist` where Electron cannot be had: one plain sentence, exit 1, no
 * stack trace. Both are pointed at a mirror that refuses connections and an empty cache, so the
 * outcome does not depend on this machine's network.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../scripts/electron-binary.mjs';
import { makeTempDir } from '../helpers/temp-dir.js';

const root = path.resolve(import.meta.dirname, '../..');
const electron = findElectronBinary();
const temp = makeTempDir('aura-scripts-');
afterAll(() => temp.cleanup());

function run(script: string, env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [path.join(root, 'scripts', script)], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.trim() };
}

describe('launch scripts without Electron', () => {
  it.skipIf(electron.found)(
    'npm start tries to fetch Electron, then says to use `npm run serve` in one sentence and exits 1',
    () => {
      // The fetch goes to a mirror that refuses connections, with an empty cache (and the skip
      // flag `npm run serve` installs with, which the script must drop): it fails fast, anywhere.
      const result = run('start-electron.mjs', {
        ELECTRON_MIRROR: 'http://127.0.0.1:1/',
        electron_config_cache: temp.dir,
        ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
      });
      expect(result.status).toBe(1);
      expect(result.stdout.trim()).toBe(
        "Electron's binary is missing; fetching it (node node_modules/electron/install.js)…",
      );
      expect(result.stderr.split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(
        /^Aura Studio cannot open as a desktop app here because .+`node node_modules\/electron\/install\.js` could not fetch it.+npm run serve.+aura serve.+\.$/,
      );
      expect(result.stderr).not.toMatch(/\n\s+at |Error:/);
    },
  );

  it('npm run dist says plainly that Electron cannot be fetched and exits 1', () => {
    const result = run('dist.mjs', { ELECTRON_MIRROR: 'http://127.0.0.1:1/', ELECTRON_CACHE: temp.dir });
    expect(result.status).toBe(1);
    expect(result.stderr.split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(
      /^Cannot build the installers: Electron \d+\.\d+\.\d+ for \S+ could not be fetched because 127\.0\.0\.1:1 is unreachable/,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
