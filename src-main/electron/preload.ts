/**
 * The window's preload (sandboxed, context-isolated): exposes `window.aura`, a narrow typed
 * bridge: the loopback server's URL and token, one function per OS action, and a subscription
 * to "open this job" requests from notifications. No generic IPC passes through.
 * Bundled into one CommonJS file by scripts/build-preload.mjs (a sandboxed preload cannot load modules).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { AuraBridge } from '../../src-shared/bridge.js';
import { IPC, type BootstrapInfo } from './ipc-channels.js';

function isBootstrapInfo(value: unknown): value is BootstrapInfo {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.serverUrl === 'string' && typeof record.token === 'string';
}

async function invokeVoid(channel: string, ...args: string[]): Promise<void> {
  await ipcRenderer.invoke(channel, ...args);
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
    onOpenJob(listener) {
      const handler = (_event: IpcRendererEvent, jobId: unknown): void => {
        if (typeof jobId === 'string') listener(jobId);
      };
      ipcRenderer.on(IPC.openJob, handler);
      return () => {
        ipcRenderer.removeListener(IPC.openJob, handler);
      };
    },
  };
  contextBridge.exposeInMainWorld('aura', bridge);
}
