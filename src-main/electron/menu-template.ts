/**
 * The application menu: the usual roles (so copy/paste, zoom, full screen and the macOS app menu
 * behave as people expect) plus the app's few commands. Builds a plain template: no electron
 * import at run time, so it is tested in plain Node.
 */
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  openDataFolder(): void;
}

/** The menu template for `platform`. Developer tools only in an unpackaged (development) run. */
export function buildMenuTemplate(options: {
  platform: NodeJS.Platform;
  appName: string;
  isPackaged: boolean;
  actions: MenuActions;
}): MenuItemConstructorOptions[] {
  const { platform, appName, isPackaged, actions } = options;
  const mac = platform === 'darwin';
  const openDataFolder: MenuItemConstructorOptions = {
    label: 'Open Data Folder',
    click: () => actions.openDataFolder(),
  };
  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      label: appName,
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  }
  template.push({
    label: 'File',
    submenu: mac
      ? [openDataFolder, { type: 'separator' }, { role: 'close' }]
      : [openDataFolder, { type: 'separator' }, { role: 'quit' }],
  });
  template.push({ role: 'editMenu' });
  template.push({
    label: 'View',
    submenu: [
      { role: 'reload' },
      ...(isPackaged ? [] : [{ role: 'toggleDevTools' } as const]),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  });
  template.push({ role: 'windowMenu' });
  // macOS has About in the app menu; elsewhere it lives under Help.
  if (!mac) template.push({ role: 'help', submenu: [{ role: 'about' }] });
  return template;
}
