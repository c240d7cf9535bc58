/**
 * The bridge's file choosers: main shows the native dialog, checks the chosen file, and answers
 * its path (images, music; the farm's shared folder) or saves it as the `ffmpegPath` setting through the engine in-process
 * (the one way besides settings.json and a CLI flag to set a program to run: over HTTP it is 403).
 */
import { dialog, ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { FfmpegChoice } from '../../src-shared/bridge.js';
import type { EngineApi } from '../engine/engine-api.js';
import { DIALOG_FILTERS, problemWithExecutable, problemWithFfmpeg, problemWithMediaFile } from './chosen-file.js';
import { IPC } from './ipc-channels.js';
import { isEmptyArgs } from './ipc-validation.js';

/** What the chooser handlers need. `assertTrusted` throws for a call from anything but the app window. */
export interface ChooserContext {
  engine: Pick<EngineApi, 'updateSettings'>;
  assertTrusted(event: IpcMainInvokeEvent): void;
}

async function chooseOne(title: string, filters?: Electron.FileFilter[]): Promise<string | null> {
  const result = await dialog.showOpenDialog({ title, properties: ['openFile'], ...(filters ? { filters } : {}) });
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

/** Registers the chooser handlers. Returns a function that removes them. */
export function registerChooserIpc(context: ChooserContext): () => void {
  const guarded =
    <T>(action: () => Promise<T>) =>
    async (event: IpcMainInvokeEvent, ...args: unknown[]): Promise<T> => {
      context.assertTrusted(event);
      if (!isEmptyArgs(args)) throw new Error('Refused: this call takes no arguments.');
      return action();
    };

  const media = (kind: 'image' | 'music', title: string) =>
    guarded(async () => {
      const file = await chooseOne(title, [...DIALOG_FILTERS[kind]]);
      if (!file) return null;
      const problem = await problemWithMediaFile(file, kind);
      if (problem) throw new Error(problem);
      return file;
    });

  ipcMain.handle(IPC.chooseImageFile, media('image', 'Choose an image for the scene'));
  ipcMain.handle(IPC.chooseMusicFile, media('music', 'Choose a music file'));
  // The farm's shared folder: only its path comes back; the page saves it with PUT /api/settings,
  // whose check (exists, a folder, writable from here) is the same whether it was typed or chosen.
  ipcMain.handle(
    IPC.chooseFarmFolder,
    guarded(async () => {
      const result = await dialog.showOpenDialog({
        title: 'Choose the render farm’s shared folder',
        properties: ['openDirectory', 'createDirectory'],
      });
      return result.canceled ? null : (result.filePaths[0] ?? null);
    }),
  );
  ipcMain.handle(
    IPC.chooseFfmpeg,
    guarded(async (): Promise<FfmpegChoice> => {
      const file = await chooseOne('Choose the ffmpeg program');
      if (!file) return { canceled: true };
      const problem = (await problemWithExecutable(file)) ?? (await problemWithFfmpeg(file));
      if (problem) throw new Error(problem);
      const settings = await context.engine.updateSettings({ ffmpegPath: file });
      return { ffmpegPath: settings.ffmpegPath };
    }),
  );
  ipcMain.handle(
    IPC.useDefaultFfmpeg,
    guarded(async () => {
      await context.engine.updateSettings({ ffmpegPath: null });
    }),
  );
  return () => {
    for (const channel of [
      IPC.chooseImageFile,
      IPC.chooseMusicFile,
      IPC.chooseFarmFolder,
      IPC.chooseFfmpeg,
      IPC.useDefaultFfmpeg,
    ]) {
      ipcMain.removeHandler(channel);
    }
  };
}
