/**
 * The main-process side of the preload bridge: one handler per OS action, each checking its
 * sender and its arguments before touching anything. The renderer names a job and an artifact,
 * never a path; the path comes from the engine.
 */
import { ipcMain, shell, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { EngineApi } from '../engine/engine-api.js';
import type { QueueFinishWatcher } from './queue-finish.js';
import { registerChooserIpc } from './ipc-choosers.js';
import { IPC, type BootstrapInfo } from './ipc-channels.js';
import { registerFinishIpc } from './ipc-finish.js';
import { isEmptyArgs, isTrustedSender, parseArtifactArgs, resolveArtifact, type SenderInfo } from './ipc-validation.js';

export interface IpcContext {
  engine: Pick<EngineApi, 'artifactPath' | 'dataDir' | 'updateSettings'>;
  /** "When the queue finishes": the choice and its countdown. */
  finish: QueueFinishWatcher;
  serverUrl: string;
  serverOrigin: string;
  token: string;
  /** The app window's webContents, when there is one. */
  appContents(): WebContents | undefined;
}

function senderInfo(event: IpcMainEvent | IpcMainInvokeEvent, context: IpcContext): SenderInfo {
  const frame = event.senderFrame;
  return {
    frameUrl: frame?.url,
    isMainFrame: frame !== null && frame.parent === null,
    isAppWindow: event.sender === context.appContents(),
  };
}

function assertTrusted(event: IpcMainInvokeEvent, context: IpcContext): void {
  if (!isTrustedSender(senderInfo(event, context), context.serverOrigin)) {
    throw new Error('Refused: this call did not come from the Aura Studio window.');
  }
}

/** Registers every bridge handler. Returns a function that removes them. */
export function registerIpc(context: IpcContext): () => void {
  ipcMain.on(IPC.bootstrap, (event, ...args: unknown[]) => {
    const trusted = isEmptyArgs(args) && isTrustedSender(senderInfo(event, context), context.serverOrigin);
    const info: BootstrapInfo | null = trusted ? { serverUrl: context.serverUrl, token: context.token } : null;
    event.returnValue = info;
  });

  const artifactHandler =
    (action: (file: string) => Promise<void>) =>
    async (event: IpcMainInvokeEvent, ...args: unknown[]): Promise<void> => {
      assertTrusted(event, context);
      const ref = parseArtifactArgs(args);
      if (!ref) throw new Error('Refused: expected a job id and an artifact file name.');
      await action(resolveArtifact(context.engine, ref));
    };

  ipcMain.handle(
    IPC.showArtifactInFolder,
    artifactHandler(async (file) => shell.showItemInFolder(file)),
  );
  ipcMain.handle(
    IPC.openArtifact,
    artifactHandler(async (file) => {
      const problem = await shell.openPath(file);
      if (problem) throw new Error(`Could not open the file: ${problem}`);
    }),
  );
  ipcMain.handle(IPC.openDataFolder, async (event, ...args: unknown[]) => {
    assertTrusted(event, context);
    if (!isEmptyArgs(args)) throw new Error('Refused: this call takes no arguments.');
    const problem = await shell.openPath(context.engine.dataDir);
    if (problem) throw new Error(`Could not open the data folder: ${problem}`);
  });

  const trusted = (event: IpcMainInvokeEvent) => assertTrusted(event, context);
  const unregisterChoosers = registerChooserIpc({ engine: context.engine, assertTrusted: trusted });
  const unregisterFinish = registerFinishIpc({ watcher: context.finish, assertTrusted: trusted });

  return () => {
    unregisterChoosers();
    unregisterFinish();
    ipcMain.removeAllListeners(IPC.bootstrap);
    ipcMain.removeHandler(IPC.showArtifactInFolder);
    ipcMain.removeHandler(IPC.openArtifact);
    ipcMain.removeHandler(IPC.openDataFolder);
  };
}
