import { execFileSync } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const REPO_ROOT = join(import.meta.dirname, '..', '..');

/** The flags every browser run uses: headless, no sandbox (CI containers), nothing phoning home. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * The browser scripts/ensure-chromium.mjs chose (test-output/chromium-path.txt); when that has
 * not run yet, it is run now, so there is one place that decides.
 */
export function chromiumExecutable(): string {
  try {
    const recorded = readFileSync(join(REPO_ROOT, 'test-output', 'chromium-path.txt'), 'utf8').trim();
    accessSync(recorded, constants.X_OK);
    return recorded;
  } catch {
    const out = execFileSync(process.execPath, [join(REPO_ROOT, 'scripts', 'ensure-chromium.mjs')], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    return out.trim().split('\n').at(-1)!;
  }
}

/** Launches that Chromium with the standard flags. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS, headless: true });
}
