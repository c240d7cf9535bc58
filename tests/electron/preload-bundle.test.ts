/**
 * The preload as Electron loads it: the real bundle from scripts/build-preload.mjs, evaluated as
 * a CommonJS script whose only `require` is 'electron' (what a sandboxed preload gets). Electron's
 * ipcRenderer and contextBridge are recorded stand-ins: the thing under test is the bundle.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuraBridge } from '../../src-shared/bridge.js';
import { IPC } from '../../src-main/electron/ipc-channels.js';

let dir: string;
let code: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'aura-preload-'));
  const outfile = path.join(dir, 'preload.cjs');
  await promisify(execFile)(process.execPath, ['scripts/build-preload.mjs', '--outfile', outfile]);
  code = await fs.readFile(outfile, 'utf8');
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** The page's File class, as the sandboxed preload's world has it. */
class StandInFile {
  constructor(readonly name: string) {}
}

/** What main answers each invoke, by channel (the rest: 'ignored'). */
const answers = new Map<string, unknown>();

interface Loaded {
  exposed: Map<string, unknown>;
  invoked: unknown[][];
  listeners: Map<string, Set<(...args: unknown[]) => void>>;
  required: string[];
}

function load(bootstrapAnswer: unknown): Loaded {
  const loaded: Loaded = { exposed: new Map(), invoked: [], listeners: new Map(), required: [] };
  const electron = {
    ipcRenderer: {
      sendSync: (channel: string) => (channel === IPC.bootstrap ? bootstrapAnswer : undefined),
      invoke: async (...args: unknown[]) => {
        loaded.invoked.push(args);
        return answers.has(args[0] as string) ? answers.get(args[0] as string) : 'ignored';
      },
      on(channel: string, listener: (...args: unknown[]) => void) {
        if (!loaded.listeners.has(channel)) loaded.listeners.set(channel, new Set());
        loaded.listeners.get(channel)!.add(listener);
      },
      removeListener(channel: string, listener: (...args: unknown[]) => void) {
        loaded.listeners.get(channel)?.delete(listener);
      },
    },
    contextBridge: {
      exposeInMainWorld: (key: string, value: unknown) => loaded.exposed.set(key, value),
    },
    webUtils: { getPathForFile: (file: { name: string }) => `/real/path/${file.name}` },
  };
  const module = { exports: {} };
  const require = (name: string): unknown => {
    loaded.required.push(name);
    if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
    return electron;
  };
  vm.runInNewContext(code, { module, exports: module.exports, require, File: StandInFile });
  return loaded;
}

describe('the bundled preload', () => {
  it('is one file that requires nothing but electron', () => {
    const requires = [...code.matchAll(/require\((['"])(.+?)\1\)/g)].map((m) => m[2]);
    expect(new Set(requires)).toEqual(new Set(['electron']));
    expect(code).not.toMatch(/\bimport\s|from\s+['"]/);
  });

  it('exposes nothing when main refuses the bootstrap', () => {
    expect(load(null).exposed.size).toBe(0);
    expect(load({ serverUrl: 1, token: 'x' }).exposed.size).toBe(0);
  });

  it('exposes window.aura with the server URL, the token and one function per OS action', async () => {
    const loaded = load({ serverUrl: 'http://127.0.0.1:4321', token: 'secret' });
    expect(loaded.required).toEqual(['electron']);
    expect([...loaded.exposed.keys()]).toEqual(['aura']);
    const aura = loaded.exposed.get('aura') as Required<AuraBridge>;
    expect(Object.keys(aura).sort()).toEqual(
      [
        'cancelFinishCountdown',
        'chooseFarmFolder',
        'chooseFfmpeg',
        'chooseImageFile',
        'chooseMusicFile',
        'getFinishAction',
        'onFinishCountdown',
        'onOpenJob',
        'openArtifact',
        'openDataFolder',
        'pathForFile',
        'serverUrl',
        'setFinishAction',
        'showArtifactInFolder',
        'token',
        'useDefaultFfmpeg',
      ].sort(),
    );
    expect(aura.serverUrl).toBe('http://127.0.0.1:4321');
    expect(aura.token).toBe('secret');

    await expect(aura.showArtifactInFolder('job1', 'output.mp4')).resolves.toBeUndefined();
    await expect(aura.openArtifact('job1', 'output.mp4')).resolves.toBeUndefined();
    await expect(aura.openDataFolder()).resolves.toBeUndefined();
    expect(loaded.invoked).toEqual([
      [IPC.showArtifactInFolder, 'job1', 'output.mp4'],
      [IPC.openArtifact, 'job1', 'output.mp4'],
      [IPC.openDataFolder],
    ]);
  });

  it('passes only strings to main, whatever the page hands it', async () => {
    const loaded = load({ serverUrl: 'http://127.0.0.1:4321', token: 't' });
    const aura = loaded.exposed.get('aura') as Record<string, (...args: unknown[]) => Promise<void>>;
    await aura.openArtifact!({ evil: true }, ['../x'], 'extra');
    expect(loaded.invoked).toEqual([[IPC.openArtifact, '[object Object]', '../x']]);
  });

  it('delivers notification clicks to subscribers until they unsubscribe', () => {
    const loaded = load({ serverUrl: 'http://127.0.0.1:4321', token: 't' });
    const aura = loaded.exposed.get('aura') as Required<AuraBridge>;
    const seen: string[] = [];
    const unsubscribe = aura.onOpenJob((jobId) => seen.push(jobId));
    const emit = (value: unknown): void => {
      for (const listener of loaded.listeners.get(IPC.openJob) ?? []) listener({}, value);
    };
    emit('job1');
    emit(42);
    unsubscribe();
    emit('job2');
    expect(seen).toEqual(['job1']);
    expect(loaded.listeners.get(IPC.openJob)?.size).toBe(0);
  });

  it('passes the desktop actions on, and trusts nothing main answers blindly', async () => {
    const loaded = load({ serverUrl: 'http://127.0.0.1:4321', token: 't' });
    const aura = loaded.exposed.get('aura') as Required<AuraBridge>;
    answers.set(IPC.chooseImageFile, '/pics/sky.png');
    answers.set(IPC.chooseMusicFile, { not: 'a path' });
    answers.set(IPC.chooseFarmFolder, '/mnt/aura');
    answers.set(IPC.chooseFfmpeg, { ffmpegPath: '/opt/ffmpeg' });
    answers.set(IPC.getFinishAction, 'reboot');
    expect(await aura.chooseImageFile()).toBe('/pics/sky.png');
    expect(await aura.chooseMusicFile()).toBeNull();
    expect(await aura.chooseFarmFolder()).toBe('/mnt/aura');
    answers.set(IPC.chooseFarmFolder, 42);
    expect(await aura.chooseFarmFolder()).toBeNull();
    expect(await aura.chooseFfmpeg()).toEqual({ ffmpegPath: '/opt/ffmpeg' });
    answers.set(IPC.chooseFfmpeg, undefined);
    expect(await aura.chooseFfmpeg()).toEqual({ canceled: true });
    expect(await aura.getFinishAction()).toBe('nothing');
    await aura.setFinishAction('sleep');
    await aura.cancelFinishCountdown();
    await aura.useDefaultFfmpeg();
    expect(loaded.invoked.slice(-4)).toEqual([
      [IPC.getFinishAction],
      [IPC.setFinishAction, 'sleep'],
      [IPC.cancelFinishCountdown],
      [IPC.useDefaultFfmpeg],
    ]);
    answers.clear();
  });

  it('answers a dropped file’s real path through webUtils, and nothing for a non-file', () => {
    const aura = load({ serverUrl: 'http://127.0.0.1:4321', token: 't' }).exposed.get('aura') as Required<AuraBridge>;
    expect(aura.pathForFile(new StandInFile('sky.png') as unknown as File)).toBe('/real/path/sky.png');
    expect(aura.pathForFile({ name: 'fake' } as unknown as File)).toBe('');
  });

  it('delivers countdown ticks that have the right shape, and the end of one', () => {
    const loaded = load({ serverUrl: 'http://127.0.0.1:4321', token: 't' });
    const aura = loaded.exposed.get('aura') as Required<AuraBridge>;
    const seen: unknown[] = [];
    const unsubscribe = aura.onFinishCountdown((state) => seen.push(state));
    const emit = (value: unknown): void => {
      for (const listener of loaded.listeners.get(IPC.finishCountdown) ?? []) listener({}, value);
    };
    emit({ action: 'sleep', secondsLeft: 42 });
    emit({ action: 'format-disk', secondsLeft: 1 });
    emit('nonsense');
    emit(null);
    unsubscribe();
    emit({ action: 'quit', secondsLeft: 5 });
    expect(seen).toEqual([{ action: 'sleep', secondsLeft: 42 }, null]);
  });
});
