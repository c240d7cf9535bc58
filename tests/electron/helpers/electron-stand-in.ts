/**
 * A recording stand-in for the parts of Electron the main process uses, for machines without
 * the Electron binary. It does what Electron would at the boundary (windows load real URLs over
 * HTTP, quit emits `before-quit` and honours preventDefault, closing the last window emits
 * `window-all-closed`) and records every OS-facing call, so the real main-process modules can
 * be driven end to end against a real host. The real Electron run is smoke.test.ts.
 */
import { EventEmitter } from 'node:events';

export type Call = [string, ...unknown[]];
/** Every OS-facing call, in order. */
export const calls: Call[] = [];
/** What the next quit question answers (index of the button). */
export const answers: number[] = [];
/** What the next open dialogs answer: a chosen file's path, or null for "canceled". */
export const openDialogAnswers: (string | null)[] = [];

interface Preventable {
  defaultPrevented: boolean;
  preventDefault(): void;
}
function preventable<T extends object>(fields: T): T & Preventable {
  return {
    ...fields,
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

class StandInApp extends EventEmitter {
  isPackaged = false;
  quitting = false;
  getName = (): string => 'Aura Studio';
  getAppPath = (): string => process.cwd();
  whenReady = async (): Promise<void> => undefined;
  quit(): void {
    calls.push(['app.quit']);
    const event = preventable({});
    this.emit('before-quit', event);
    if (event.defaultPrevented || this.quitting) return;
    this.quitting = true;
    for (const window of [...BrowserWindow.all]) window.close();
    calls.push(['app.exited']);
  }
}
export const app = new StandInApp();

class Frame {
  url = '';
  parent: Frame | null = null;
}

class WebContents extends EventEmitter {
  mainFrame = new Frame();
  openHandler: ((details: { url: string }) => { action: string }) | undefined;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.openHandler = handler;
  }
  send(channel: string, ...args: unknown[]): void {
    calls.push(['webContents.send', channel, ...args]);
  }
  reload(): void {
    calls.push(['webContents.reload']);
  }
  getURL(): string {
    return this.mainFrame.url;
  }
}

export class BrowserWindow extends EventEmitter {
  static all: BrowserWindow[] = [];
  readonly webContents = new WebContents();
  destroyed = false;
  shown = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    BrowserWindow.all.push(this);
  }
  async loadURL(url: string): Promise<void> {
    const response = await fetch(url);
    calls.push(['loadURL', url, response.status]);
    this.webContents.mainFrame.url = url;
    this.emit('ready-to-show');
  }
  show(): void {
    this.shown = true;
  }
  focus(): void {
    calls.push(['window.focus']);
  }
  isMinimized = (): boolean => false;
  restore(): void {}
  maximize(): void {}
  isDestroyed = (): boolean => this.destroyed;
  isMaximized = (): boolean => false;
  getNormalBounds = () => ({ x: 40, y: 50, width: 1100, height: 760 });
  setProgressBar(value: number): void {
    calls.push(['setProgressBar', value]);
  }
  close(): void {
    const event = preventable({});
    this.emit('close', event);
    if (event.defaultPrevented) return;
    this.destroyed = true;
    this.emit('closed');
    BrowserWindow.all = BrowserWindow.all.filter((window) => window !== this);
    if (BrowserWindow.all.length === 0) app.emit('window-all-closed');
  }
}

export const Menu = {
  buildFromTemplate: (template: unknown[]) => template,
  setApplicationMenu: (menu: unknown) => calls.push(['setApplicationMenu', menu]),
};
export const screen = { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] };
export const nativeTheme = { shouldUseDarkColors: false };

type HeadersListener = (
  details: { responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders: Record<string, string[]> }) => void,
) => void;
type PermissionRequest = (
  contents: WebContents | null,
  permission: string,
  callback: (granted: boolean) => void,
  details: { requestingUrl?: string },
) => void;
class Session {
  headersListener: HeadersListener | undefined;
  permissionRequest: PermissionRequest | undefined;
  permissionCheck: ((contents: unknown, permission: string, origin: string) => boolean) | undefined;
  webRequest = {
    onHeadersReceived: (listener: HeadersListener) => {
      this.headersListener = listener;
    },
  };
  setPermissionRequestHandler(handler: PermissionRequest): void {
    this.permissionRequest = handler;
  }
  setPermissionCheckHandler(handler: (contents: unknown, permission: string, origin: string) => boolean): void {
    this.permissionCheck = handler;
  }
  setDevicePermissionHandler(): void {}
}
export const session = { defaultSession: new Session() };

export const shell = {
  openExternal: async (url: string) => void calls.push(['shell.openExternal', url]),
  openPath: async (file: string) => {
    calls.push(['shell.openPath', file]);
    return '';
  },
  showItemInFolder: (file: string) => void calls.push(['shell.showItemInFolder', file]),
};

export const dialog = {
  showOpenDialog: async (options: { title?: string; filters?: unknown }) => {
    calls.push(['dialog.showOpenDialog', options.title, options.filters]);
    const chosen = openDialogAnswers.shift() ?? null;
    return { canceled: chosen === null, filePaths: chosen === null ? [] : [chosen] };
  },
  showErrorBox: (title: string, content: string) => void calls.push(['dialog.showErrorBox', title, content]),
  showMessageBox: async (...args: unknown[]) => {
    const options = args.at(-1) as { message: string; detail: string; buttons: string[] };
    calls.push(['dialog.showMessageBox', options.message, options.detail, options.buttons]);
    return { response: answers.shift() ?? 1 };
  },
};

type Handler = (event: unknown, ...args: unknown[]) => unknown;
class IpcMain extends EventEmitter {
  handlers = new Map<string, Handler>();
  handle(channel: string, handler: Handler): void {
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
}
export const ipcMain = new IpcMain();

export class Notification extends EventEmitter {
  static live: Notification[] = [];
  static isSupported = (): boolean => true;
  constructor(readonly options: { title: string; body: string }) {
    super();
  }
  show(): void {
    calls.push(['notification', this.options.title, this.options.body]);
    Notification.live.push(this);
  }
  close(): void {}
}

export const powerMonitor = new EventEmitter();

/** Back to a fresh app between tests. */
export function resetStandIn(): void {
  calls.length = 0;
  answers.length = 0;
  openDialogAnswers.length = 0;
  app.removeAllListeners();
  app.quitting = false;
  powerMonitor.removeAllListeners();
  ipcMain.removeAllListeners();
  ipcMain.handlers.clear();
  BrowserWindow.all = [];
  Notification.live = [];
}
