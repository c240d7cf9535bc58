/**
 * The desktop shell around a running host: the window (one, remembered, re-opened on macOS
 * `activate`), the bridge's IPC, menu, taskbar progress, notifications and the quit flow.
 */
import path from 'node:path';
import { app, Menu, screen, session, shell, type BrowserWindow } from 'electron';
import type { EngineApi } from '../engine/engine-api.js';
import { loopbackOrigin } from './csp.js';
import { IPC } from './ipc-channels.js';
import { registerIpc } from './ipc.js';
import { buildMenuTemplate } from './menu-template.js';
import { desktopFinishEffects } from './finish-effects.js';
import { startJobNotifications } from './notifications.js';
import { watchQueueFinish } from './queue-finish.js';
import { NO_PROGRESS, watchQueueProgress } from './progress-aggregate.js';
import { installQuitFlow } from './quit-flow.js';
import { secureSession } from './session-security.js';
import { createMainWindow } from './window.js';
import { fitToDisplays, loadWindowState, saveWindowState } from './window-state.js';

/** What the shell needs of the host that `startHost` returns. */
export interface DesktopHost {
  engine: EngineApi;
  url: string;
  token: string;
  close(): Promise<void>;
}

export interface DesktopOptions {
  host: DesktopHost;
  preloadPath: string;
  iconPath?: string;
}

/** Runs the desktop app on a started host until it quits. Call after `app.whenReady()`. */
export async function runDesktopApp(options: DesktopOptions): Promise<void> {
  const { host } = options;
  const engine = host.engine;
  const pageUrl = new URL('/', host.url).href;
  const serverOrigin = loopbackOrigin(pageUrl);
  let window: BrowserWindow | undefined;
  let progress = NO_PROGRESS;

  let opening: Promise<BrowserWindow> | undefined;
  // One window at a time, even when `activate` and `second-instance` arrive together.
  const openWindow = (): Promise<BrowserWindow> => {
    if (window && !window.isDestroyed()) return Promise.resolve(window);
    opening ??= createWindow().finally(() => {
      opening = undefined;
    });
    return opening;
  };

  const createWindow = async (): Promise<BrowserWindow> => {
    const saved = await loadWindowState(engine.dataDir);
    const workAreas = screen.getAllDisplays().map((display) => display.workArea);
    const created = createMainWindow({
      serverOrigin,
      preloadPath: options.preloadPath,
      state: fitToDisplays(saved, workAreas),
      title: app.getName(),
      ...(options.iconPath ? { iconPath: options.iconPath } : {}),
    });
    window = created;
    created.setProgressBar(progress);
    created.on('close', (event) => {
      if (!quit.allowWindowClose()) {
        event.preventDefault();
        return;
      }
      // Quitting saved the state already (and awaited it: the process ends right after). A window
      // closed while the app stays (macOS) saves here.
      if (quit.phase === 'running') void rememberWindow(created);
    });
    created.on('session-end', () => quit.systemShutdown());
    created.on('closed', () => {
      if (window === created) window = undefined;
    });
    let lastReload = 0;
    created.webContents.on('render-process-gone', (_event, details) => {
      // A crashed page is reloaded rather than leaving a blank window (a clean exit is a close),
      // but not in a loop: a page that keeps crashing stays down.
      if (details.reason === 'clean-exit' || created.isDestroyed() || Date.now() - lastReload < 10_000) return;
      lastReload = Date.now();
      created.webContents.reload();
    });
    await created.loadURL(pageUrl);
    return created;
  };

  const rememberWindow = async (target: BrowserWindow): Promise<void> => {
    try {
      await saveWindowState(engine.dataDir, { ...target.getNormalBounds(), maximized: target.isMaximized() });
    } catch (error) {
      console.error('Could not remember the window position:', error);
    }
  };

  const focusWindow = async (): Promise<BrowserWindow> => {
    const shown = await openWindow();
    if (shown.isMinimized()) shown.restore();
    shown.show();
    shown.focus();
    return shown;
  };

  const openJob = (jobId: string): void => {
    void focusWindow().then((shown) => shown.webContents.send(IPC.openJob, jobId));
  };

  const openDataFolder = (): void => {
    void shell.openPath(engine.dataDir);
  };

  const appContents = () => (window && !window.isDestroyed() ? window.webContents : undefined);
  const finish = watchQueueFinish({
    engine,
    effects: desktopFinishEffects({
      appContents,
      focusWindow: () => void focusWindow(),
      ...(options.iconPath ? { iconPath: options.iconPath } : {}),
    }),
  });

  // The window uses the default session: harden it before the first page loads.
  secureSession(session.defaultSession, pageUrl, serverOrigin);
  const unregisterIpc = registerIpc({
    engine,
    finish,
    serverUrl: host.url,
    serverOrigin,
    token: host.token,
    appContents,
  });
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate({
        platform: process.platform,
        appName: app.getName(),
        isPackaged: app.isPackaged,
        actions: { openDataFolder },
      }),
    ),
  );
  const stopProgress = watchQueueProgress(engine, {
    onChange(value) {
      progress = value;
      if (window && !window.isDestroyed()) window.setProgressBar(value);
    },
  });
  const stopNotifications = startJobNotifications({
    engine,
    openJob,
    ...(options.iconPath ? { iconPath: options.iconPath } : {}),
  });

  const quit = installQuitFlow({
    engine,
    window: () => (window && !window.isDestroyed() ? window : undefined),
    async shutdown() {
      if (window && !window.isDestroyed()) await rememberWindow(window);
      stopProgress();
      stopNotifications();
      finish.stop();
      if (window && !window.isDestroyed()) window.setProgressBar(NO_PROGRESS);
      unregisterIpc();
      await host.close();
    },
  });

  const bringBack = (): void => {
    // Not while quitting: a window re-opened then would only be closed again.
    if (quit.phase === 'running') void focusWindow();
  };
  app.on('second-instance', bringBack);
  app.on('activate', bringBack);
  app.on('window-all-closed', () => {
    // macOS apps stay in the dock with their windows closed (renders go on); elsewhere this is quitting.
    if (process.platform !== 'darwin') app.quit();
  });

  await openWindow();
}

/** The icon file the window uses on Linux and Windows. */
export function windowIconPath(appPath: string): string {
  return path.join(appPath, 'assets', 'icons', '512x512.png');
}
