/**
 * The Electron main process: one instance, the same host as `aura serve` (engine + cleanup
 * timer + loopback server on a random port with a fresh token), and a thin desktop shell.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog } from 'electron';
import { resolveDataDir } from '../engine/data-dir.js';
import type { Host } from '../host.js';
import { runDesktopApp, windowIconPath } from './desktop-app.js';
import { startDesktopHost } from './desktop-host.js';
import { dataDirFlag } from './launch-args.js';

const here = path.dirname(fileURLToPath(import.meta.url));

async function main(): Promise<void> {
  // Every renderer sandboxed, whatever a window's options say.
  app.enableSandbox();
  const flag = dataDirFlag(process.argv.slice(1));
  const dataDir = resolveDataDir(flag);
  // An explicit --data-dir is a separate workspace (tests, a second library): it gets its own
  // Chromium profile, and so its own single-instance lock, beside its data. The engine's lock
  // still keeps two engines off one data folder.
  if (flag) app.setPath('userData', path.join(dataDir, 'electron-profile'));
  if (!app.requestSingleInstanceLock()) {
    // Another Aura Studio is running: it gets `second-instance` and comes to the front.
    app.quit();
    return;
  }
  await app.whenReady();
  let host: Host;
  try {
    // A farm saved in settings (Machine view) is joined here, at start-up; one that cannot be
    // joined is said, and the creator may start alone (and leave or fix it in the Machine view).
    host = await startDesktopHost({
      dataDir,
      startAlone: (reason) =>
        dialog.showMessageBoxSync({
          type: 'warning',
          buttons: ['Start on this machine alone', 'Quit'],
          defaultId: 0,
          cancelId: 1,
          message: 'Aura Studio cannot join the render farm',
          detail: `${reason}\n\nStarted alone, the farm stays saved: leave or change it in the Machine view.`,
        }) === 0,
    });
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
