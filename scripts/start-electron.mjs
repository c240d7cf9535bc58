// `npm start`: builds the app and opens it in Electron. Where Electron's binary is missing (it is
// downloaded by `npm install`, but skipped with ELECTRON_SKIP_BINARY_DOWNLOAD=1, as `npm run serve`
// and `npm test` install), fetches it once with the electron package's own install script; where
// that fails too (offline), says so in one sentence and points to the browser version instead.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './electron-binary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const INSTALL_COMMAND = 'node node_modules/electron/install.js';
/** Bounds the download (about 100 MB) so a stalled connection ends in the message, not a hang. */
const INSTALL_TIMEOUT_MS = 10 * 60_000;

let electron = findElectronBinary();
let install = 'not tried';
if (!electron.found) {
  install = installElectronBinary();
  if (install === 'fetched') electron = findElectronBinary();
}
if (!electron.found) {
  // One plain sentence: why, and what to do (fetch it when online, or use the browser version).
  const retry =
    install === 'failed' ? ` and \`${INSTALL_COMMAND}\` could not fetch it; run it again once you are online, or` : ';';
  console.error(
    `Aura Studio cannot open as a desktop app here because ${electron.reason}${retry} run \`npm run serve\` (the \`aura serve\` command) and open the printed address in your browser instead.`,
  );
  process.exit(1);
}

const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
if (build.status !== 0) process.exit(build.status ?? 1);

const env = { ...process.env };
// Inherited from some shells and tools: it would start Electron as plain Node.
delete env.ELECTRON_RUN_AS_NODE;
const child = spawn(electron.path, ['.', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

/**
 * Runs the electron package's install script (what `npm install` would have run), with the skip
 * flag removed. Its output is kept back: on failure it is a stack trace, and the one sentence
 * above says what to do. Returns whether it succeeded.
 */
function installElectronBinary() {
  let script;
  try {
    script = createRequire(import.meta.url).resolve('electron/install.js');
  } catch {
    return 'no package';
  }
  console.log(`Electron's binary is missing; fetching it (${INSTALL_COMMAND})…`);
  const env = { ...process.env };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  const result = spawnSync(process.execPath, [script], {
    cwd: root,
    env,
    stdio: 'ignore',
    timeout: INSTALL_TIMEOUT_MS,
  });
  return result.status === 0 ? 'fetched' : 'failed';
}
