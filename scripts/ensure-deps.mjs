// Installs the npm packages when node_modules is missing or older than package-lock.json.
// Electron's binary is not needed to serve, test or build, so its download is skipped here;
// `npm start` fetches it when it is missing (scripts/start-electron.mjs runs the electron
// package's install.js, and says what to do when that cannot download it either).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const stamp = 'node_modules/.package-lock.json';
const stale = !fs.existsSync(stamp) || fs.statSync('package-lock.json').mtimeMs > fs.statSync(stamp).mtimeMs;
if (stale) {
  console.log('Installing npm packages (npm ci)…');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], {
    stdio: 'inherit',
    shell: process.platform === 'win32',
    env: { ELECTRON_SKIP_BINARY_DOWNLOAD: '1', ...process.env },
  });
  if (result.status !== 0) {
    console.error('npm ci failed: check your network access to the npm registry, then run this command again.');
    process.exit(result.status ?? 1);
  }
}
