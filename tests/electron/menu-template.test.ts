import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { buildMenuTemplate } from '../../src-main/electron/menu-template.js';

function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ]);
}

function build(platform: NodeJS.Platform, isPackaged: boolean, onOpen = () => {}): MenuItemConstructorOptions[] {
  return buildMenuTemplate({ platform, appName: 'Aura Studio', isPackaged, actions: { openDataFolder: onOpen } });
}

describe('buildMenuTemplate', () => {
  it('has the usual roles on every platform', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const all = roles(build(platform, true));
      for (const role of [
        'editMenu',
        'windowMenu',
        'reload',
        'resetZoom',
        'zoomIn',
        'zoomOut',
        'togglefullscreen',
        'quit',
        'about',
      ]) {
        expect(all, `${platform} ${role}`).toContain(role);
      }
    }
  });

  it('puts the app menu first on macOS only', () => {
    expect(build('darwin', true)[0]?.label).toBe('Aura Studio');
    expect(build('win32', true)[0]?.label).toBe('File');
  });

  it('offers developer tools only in development', () => {
    expect(roles(build('linux', false))).toContain('toggleDevTools');
    expect(roles(build('linux', true))).not.toContain('toggleDevTools');
  });

  it('wires Open Data Folder to its action', () => {
    let opened = 0;
    const file = build('linux', true, () => (opened += 1)).find((item) => item.label === 'File');
    const item = (file?.submenu as MenuItemConstructorOptions[]).find((entry) => entry.label === 'Open Data Folder');
    (item?.click as () => void)();
    expect(opened).toBe(1);
  });
});
