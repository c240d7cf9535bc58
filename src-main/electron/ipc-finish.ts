/** The bridge's "When the queue finishes" calls: read and set the choice, cancel a countdown. */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { FinishAction } from '../../src-shared/bridge.js';
import { isFinishAction } from './finish-action.js';
import { IPC } from './ipc-channels.js';
import { isEmptyArgs } from './ipc-validation.js';
import type { QueueFinishWatcher } from './queue-finish.js';

export interface FinishIpcContext {
  watcher: QueueFinishWatcher;
  assertTrusted(event: IpcMainInvokeEvent): void;
}

/** Registers the handlers. Returns a function that removes them. */
export function registerFinishIpc(context: FinishIpcContext): () => void {
  const { watcher } = context;
  ipcMain.handle(IPC.getFinishAction, (event, ...args: unknown[]): FinishAction => {
    context.assertTrusted(event);
    if (!isEmptyArgs(args)) throw new Error('Refused: this call takes no arguments.');
    return watcher.action;
  });
  ipcMain.handle(IPC.setFinishAction, (event, ...args: unknown[]): void => {
    context.assertTrusted(event);
    const [action] = args;
    if (args.length !== 1 || !isFinishAction(action)) {
      throw new Error('Refused: expected one of nothing, notify, quit, sleep.');
    }
    watcher.action = action;
  });
  ipcMain.handle(IPC.cancelFinishCountdown, (event, ...args: unknown[]): void => {
    context.assertTrusted(event);
    if (!isEmptyArgs(args)) throw new Error('Refused: this call takes no arguments.');
    watcher.cancelCountdown();
  });
  return () => {
    for (const channel of [IPC.getFinishAction, IPC.setFinishAction, IPC.cancelFinishCountdown]) {
      ipcMain.removeHandler(channel);
    }
  };
}
