/** The OS side of "When the queue finishes": a notification, quitting, sleeping, telling the window. */
import { app, Notification, type WebContents } from 'electron';
import { sleepCommand } from './finish-action.js';
import { IPC } from './ipc-channels.js';
import type { FinishEffects } from './queue-finish.js';

export interface FinishEffectsOptions {
  /** The window's contents, when it is open (the countdown is shown there). */
  appContents(): WebContents | undefined;
  /** Brings the window to the front (a click on the notification). */
  focusWindow(): void;
  iconPath?: string;
}

/** Effects that really act: Electron's Notification, `app.quit()` (through the quit flow), the OS sleep command. */
export function desktopFinishEffects(options: FinishEffectsOptions): FinishEffects {
  return {
    notify(title, body) {
      if (!Notification.isSupported()) return;
      const notification = new Notification({ title, body, ...(options.iconPath ? { icon: options.iconPath } : {}) });
      notification.on('click', () => options.focusWindow());
      notification.show();
    },
    quit() {
      app.quit();
    },
    async sleep() {
      const command = sleepCommand(process.platform);
      if (!command) throw new Error(`No sleep command is known for ${process.platform}.`);
      const { execa } = await import('execa');
      await execa(command.file, command.args, { timeout: 15_000, stdin: 'ignore' });
    },
    countdown(state) {
      options.appContents()?.send(IPC.finishCountdown, state);
    },
  };
}
