// `npm run dist`: builds the app and its installers for the current OS with electron-builder
// (config: electron-builder.yml; output: release/). electron-builder downloads the Electron
// runtime to package; where it cannot be fetched, this says so plainly instead of a stack trace.
/* global fetch, AbortSignal */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const version = require('electron/package.json').version;
const platform = process.platform;
const arch = process.arch;
const zipName = `electron-v${version}-${platform}-${arch}.zip`;
const TARGET_FLAG = { win32: '--win', darwin: '--mac', linux: '--linux' }[platform];

if (!TARGET_FLAG) {
  console.error(
    `Aura Studio has no installer target for ${platform}; installers are built on Windows, macOS and Linux.`,
  );
  process.exit(1);
}

/** The folder @electron/get keeps downloaded Electron zips in. */
function electronCacheRoot() {
  if (process.env.ELECTRON_CACHE) return process.env.ELECTRON_CACHE;
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Caches', 'electron');
  if (platform === 'win32')
    return path.join(process.env.LOCALAPPDATA ?? path.join(os.homedir(), 'AppData', 'Local'), 'electron', 'Cache');
  return path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'electron');
}

/** True when the zip is already cached (at the top level or in a per-URL hashed folder). */
function isCached(dir) {
  if (!fs.existsSync(dir)) return false;
  if (fs.existsSync(path.join(dir, zipName))) return true;
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .some((entry) => entry.isDirectory() && fs.existsSync(path.join(dir, entry.name, zipName)));
}

/** Why the Electron zip cannot be fetched, or null when it can. */
async function fetchProblem() {
  const mirror = process.env.ELECTRON_MIRROR ?? 'https://github.com/electron/electron/releases/download/';
  const url = `${mirror.endsWith('/') ? mirror : `${mirror}/`}v${version}/${zipName}`;
  try {
    const response = await fetch(url, { method: 'HEAD', redirect: 'follow', signal: AbortSignal.timeout(10_000) });
    return response.ok ? null : `${new URL(url).host} answered ${response.status}`;
  } catch (error) {
    const cause = error?.cause?.code ?? error?.cause?.message ?? error?.name ?? String(error);
    return `${new URL(url).host} is unreachable (${cause})`;
  }
}

if (!isCached(electronCacheRoot())) {
  const problem = await fetchProblem();
  if (problem) {
    console.error(
      `Cannot build the installers: Electron ${version} for ${platform}-${arch} could not be fetched because ${problem}; connect to the internet (or set ELECTRON_MIRROR, or put ${zipName} in ${electronCacheRoot()}) and run npm run dist again.`,
    );
    process.exit(1);
  }
}

const run = (command, args) =>
  spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: platform === 'win32' }).status ?? 1;

let status = run('npm', ['run', 'build']);
if (status === 0) {
  status = run('npx', ['electron-builder', '--config', 'electron-builder.yml', TARGET_FLAG, '--publish', 'never']);
  if (status !== 0) console.error('electron-builder could not build the installers; its message is above.');
  else console.log(`Installers are in ${path.join(root, 'release')}.`);
}
process.exit(status);
