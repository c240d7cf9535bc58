/**
 * The window's preload (sandboxed, context-isolated): exposes `window.aura`, a narrow typed
 * bridge: the loopback server's URL and token, one function per OS action, and subscriptions
 * to what main pushes (open this job; the finish countdown). No generic IPC passes through.
 * Bundled into one CommonJS file by scripts/build-preload.mjs (a sandboxed preload cannot load modules).
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { AuraBridge, FfmpegChoice, FinishAction, FinishCountdown } from '../../src-shared/bridge.js';
import { IPC, type BootstrapInfo } from './ipc-channels.js';

function isBootstrapInfo(value: unknown): value is BootstrapInfo {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.serverUrl === 'string' && typeof record.token === 'string';
}

function isCountdown(value: unknown): value is FinishCountdown {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (record.action === 'quit' || record.action === 'sleep') && typeof record.secondsLeft === 'number';
}

async function invokeVoid(channel: string, ...args: string[]): Promise<void> {
  await ipcRenderer.invoke(channel, ...args);
}

async function invokePath(channel: string): Promise<string | null> {
  const answer: unknown = await ipcRenderer.invoke(channel);
  return typeof answer === 'string' ? answer : null;
}

/** A subscription to one main → renderer channel; the listener gets only values `accept` lets through. */
function subscribe<T>(
  channel: string,
  accept: (value: unknown) => value is T,
  listener: (value: T) => void,
): () => void {
  const handler = (_event: IpcRendererEvent, value: unknown): void => {
    if (accept(value)) listener(value);
  };
  ipcRenderer.on(channel, handler);
  return () => {
    ipcRenderer.removeListener(channel, handler);
  };
}

// Asked once, synchronously, so `serverUrl` and `token` are plain values when the page starts.
const info: unknown = ipcRenderer.sendSync(IPC.bootstrap);

if (isBootstrapInfo(info)) {
  const bridge: Required<AuraBridge> = {
    serverUrl: info.serverUrl,
    token: info.token,
    showArtifactInFolder: (jobId, artifactName) =>
      invokeVoid(IPC.showArtifactInFolder, String(jobId), String(artifactName)),
    openArtifact: (jobId, artifactName) => invokeVoid(IPC.openArtifact, String(jobId), String(artifactName)),
    openDataFolder: () => invokeVoid(IPC.openDataFolder),
    onOpenJob: (listener) => subscribe(IPC.openJob, (v): v is string => typeof v === 'string', listener),
    chooseImageFile: () => invokePath(IPC.chooseImageFile),
    chooseMusicFile: () => invokePath(IPC.chooseMusicFile),
    chooseFarmFolder: () => invokePath(IPC.chooseFarmFolder),
    // Electron's own answer for a dropped File: no IPC, and '' for a file that has no path.
    pathForFile: (file) => (file instanceof File ? webUtils.getPathForFile(file) : ''),
    async chooseFfmpeg(): Promise<FfmpegChoice> {
      const answer: unknown = await ipcRenderer.invoke(IPC.chooseFfmpeg);
      if (typeof answer === 'object' && answer !== null && 'ffmpegPath' in answer) {
        const path = (answer as { ffmpegPath: unknown }).ffmpegPath;
        return { ffmpegPath: typeof path === 'string' ? path : null };
      }
      return { canceled: true };
    },
    useDefaultFfmpeg: () => invokeVoid(IPC.useDefaultFfmpeg),
    async getFinishAction(): Promise<FinishAction> {
      const answer: unknown = await ipcRenderer.invoke(IPC.getFinishAction);
      return answer === 'notify' || answer === 'quit' || answer === 'sleep' ? answer : 'nothing';
    },
    setFinishAction: (action) => invokeVoid(IPC.setFinishAction, String(action)),
    cancelFinishCountdown: () => invokeVoid(IPC.cancelFinishCountdown),
    onFinishCountdown: (listener) =>
      subscribe(IPC.finishCountdown, (v): v is FinishCountdown | null => v === null || isCountdown(v), listener),
  };
  contextBridge.exposeInMainWorld('aura', bridge);
}
