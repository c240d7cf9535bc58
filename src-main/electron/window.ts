/**
 * The app window: locked-down webPreferences, shown when its first paint is ready, no
 * navigation away from the app and no new windows (web links open in the OS browser).
 */
import { BrowserWindow, nativeTheme, shell } from 'electron';
import { decideNavigation, decideNewWindow } from './window-policy.js';
import { MIN_HEIGHT, MIN_WIDTH, type WindowState } from './window-state.js';

export interface MainWindowOptions {
  /** The loopback server's origin: the only one the window may show. */
  serverOrigin: string;
  /** Absolute path of the bundled preload (preload.cjs). */
  preloadPath: string;
  /** Where and how big to open (already fitted to the displays). */
  state: WindowState;
  /** Window icon (Linux and Windows; macOS uses the bundle's). */
  iconPath?: string;
  title: string;
}

/** Opens the window (hidden until `ready-to-show`) and guards its navigation. Does not load a page. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const { state } = options;
  const window = new BrowserWindow({
    title: options.title,
    width: state.width,
    height: state.height,
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    show: false,
    // Matches the page's theme, so a resize or reload never flashes the other one.
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#0e1016' : '#f5f6fa',
    ...(options.iconPath ? { icon: options.iconPath } : {}),
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      // Middle-click would otherwise try to open links in a new window (refused anyway below).
      disableBlinkFeatures: 'Auxclick',
    },
  });
  if (state.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  guardNavigation(window, options.serverOrigin);
  return window;
}

/** Refuses navigation away from the app and every new window; other sites' http(s) links go to the OS browser. */
function guardNavigation(window: BrowserWindow, serverOrigin: string): void {
  const contents = window.webContents;
  const onNavigate = (event: { preventDefault(): void; url: string }): void => {
    const decision = decideNavigation(event.url, serverOrigin);
    if (decision === 'allow') return;
    event.preventDefault();
    if (decision === 'external') void shell.openExternal(event.url);
  };
  contents.on('will-navigate', onNavigate);
  contents.on('will-redirect', (event) => {
    // A redirect is the server's doing, not a click: it never leaves the app, not even to a browser.
    if (decideNavigation(event.url, serverOrigin) !== 'allow') event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    // Sub-frames have no business in this app (CSP frame-src 'none' says the same).
    if (!event.isMainFrame) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (decideNewWindow(url, serverOrigin) === 'external') void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
