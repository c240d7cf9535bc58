/**
 * The Electron main process: one instance, the same host as `aura serve` (engine + cleanup
 * timer + loopback server on a random port with a fresh token), and a thin desktop shell.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { app, dialog } from 'electron';
import { resolveDataDir } from '../engine/data-dir.js';
import { startHost } from '../host.js';
import { runDesktopApp, windowIconPath } from './desktop-app.js';
import { dataDirFlag, unpackedPath } from './launch-args.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * In the packaged app the npm ffmpeg binary sits in app.asar.unpacked (a child process cannot
 * run a file inside an archive); point the pipeline at it unless the user chose one.
 */
function useUnpackedFfmpeg(): void {
  if (!app.isPackaged || process.env.AURA_FFMPEG) return;
  try {
    const bundled = (createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string }).path;
    const real = unpackedPath(bundled);
    if (fs.existsSync(real)) process.env.AURA_FFMPEG = real;
  } catch {
    // No bundled ffmpeg for this platform: the pipeline falls back to PATH and says so in preflight.
  }
}

async function main(): Promise<void> {
  // Every renderer sandboxed, whatever a window's options say.
  app.enableSandbox();
  if (!app.requestSingleInstanceLock()) {
    // Another Aura Studio is running: it gets `second-instance` and comes to the front.
    app.quit();
    return;
  }
  await app.whenReady();
  useUnpackedFfmpeg();
  const dataDir = resolveDataDir(dataDirFlag(process.argv.slice(1)));
  let host: Awaited<ReturnType<typeof startHost>>;
  try {
    host = await startHost({ dataDir });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    dialog.showErrorBox('Aura Studio cannot start', `${reason}\n\nData folder: ${dataDir}`);
    app.exit(1);
    return;
  }
  const iconPath = windowIconPath(app.getAppPath());
  await runDesktopApp({
    host,
    preloadPath: path.join(here, 'preload.cjs'),
    ...(fs.existsSync(iconPath) ? { iconPath } : {}),
  });
}

main().catch((error: unknown) => {
  console.error(error);
  dialog.showErrorBox('Aura Studio stopped', error instanceof Error ? error.message : String(error));
  app.exit(1);
});
