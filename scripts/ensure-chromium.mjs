// `node scripts/ensure-chromium.mjs`: finds a Chromium for the browser tests (and bench:ui),
// installs Debian's package when it can, and records the choice in test-output/chromium-path.txt
// (also printed on stdout) so the tests use exactly the browser found here.
//
// Order: $AURA_CHROMIUM, $PLAYWRIGHT_CHROMIUM_EXECUTABLE, Debian's /usr/lib/chromium/chromium,
// then a browser Playwright itself installed. None: on Debian/Ubuntu as root, apt-get installs
// `chromium`; anywhere else one sentence says how to get one, and the exit code is 1.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { aptInstall, canAptInstall } from './debian-install.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CHROMIUM_PATH_FILE = path.join(ROOT, 'test-output', 'chromium-path.txt');
const DEBIAN_CHROMIUM = '/usr/lib/chromium/chromium';

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

async function playwrightBrowser() {
  try {
    const { chromium } = await import('playwright-core');
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}

/** The first usable browser, or undefined. */
export async function findChromium() {
  const candidates = [
    process.env.AURA_CHROMIUM,
    process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE,
    DEBIAN_CHROMIUM,
    await playwrightBrowser(),
  ];
  return candidates.find((c) => c && isExecutable(c));
}

async function main() {
  let found = await findChromium();
  if (!found && canAptInstall()) {
    console.error('No Chromium found; installing Debian’s chromium package...');
    aptInstall('chromium');
    found = await findChromium();
  }
  if (!found) {
    console.error(
      'No Chromium found: install it (Debian/Ubuntu: sudo apt-get install chromium) or set AURA_CHROMIUM to a Chromium or Chrome executable.',
    );
    process.exit(1);
  }
  fs.mkdirSync(path.dirname(CHROMIUM_PATH_FILE), { recursive: true });
  fs.writeFileSync(CHROMIUM_PATH_FILE, `${found}\n`);
  console.log(found);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
