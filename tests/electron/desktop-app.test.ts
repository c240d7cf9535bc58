/**
 * The desktop shell's wiring, driven end to end against a real host (engine + loopback server,
 * test steps, real files) with Electron replaced by a recording stand-in (this machine has no
 * Electron binary; smoke.test.ts runs the real one where it exists). Covers what the pure
 * modules cannot: the window, the IPC handlers, notifications and the quit flow together.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startHost, type Host } from '../../src-main/host.js';
import { runDesktopApp } from '../../src-main/electron/desktop-app.js';
import { IPC } from '../../src-main/electron/ipc-channels.js';
import ffmpegInstaller from '@ffmpeg-installer/ffmpeg';
import { makeTempDir } from '../helpers/temp-dir.js';
import { writeTestImage } from '../helpers/test-image.js';
import { testSpec, testSteps } from '../helpers/test-steps.js';
import { waitForStatus, waitUntil } from '../helpers/wait.js';
import * as electron from './helpers/electron-stand-in.js';

vi.mock('electron', () => import('./helpers/electron-stand-in.js'));

let temp: ReturnType<typeof makeTempDir>;
let host: Host;
let dataDir: string;

beforeEach(async () => {
  electron.resetStandIn();
  temp = makeTempDir('aura-desktop-');
  dataDir = path.join(temp.dir, 'data');
  const rendererDir = path.join(temp.dir, 'renderer');
  fs.mkdirSync(rendererDir);
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Aura Studio</title>');
  host = await startHost({
    dataDir,
    rendererDir,
    // "Slow" jobs run long enough to quit in their middle; the others finish at once.
    steps: testSteps((spec) => (spec.title.startsWith('Slow') ? { units: 200, unitMs: 50 } : { units: 2 })),
  });
  await runDesktopApp({ host, preloadPath: '/app/preload.cjs' });
});

afterEach(async () => {
  if (!electron.calls.some(([name]) => name === 'app.exited')) {
    electron.answers.push(0);
    electron.app.quit();
    await waitUntil('the app to exit', () => electron.calls.some(([name]) => name === 'app.exited'), 10_000);
  }
  await host.close();
  temp.cleanup();
});

const appWindow = (): electron.BrowserWindow => electron.BrowserWindow.all[0]!;
const trustedEvent = () => ({
  sender: appWindow().webContents,
  senderFrame: { url: `${host.url}/`, parent: null },
});
const invoke = (channel: string, event: unknown, ...args: unknown[]) =>
  Promise.resolve().then(() => electron.ipcMain.handlers.get(channel)!(event, ...args));
const named = (name: string) => electron.calls.filter(([call]) => call === name);

describe('the desktop shell on a real host', () => {
  it('opens one locked-down window on the app page, shown when ready, under the CSP', async () => {
    expect(electron.BrowserWindow.all).toHaveLength(1);
    const window = appWindow();
    expect(window.options.webPreferences).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(window.options.show).toBe(false);
    expect(window.shown).toBe(true);
    expect(named('loadURL')).toEqual([['loadURL', `${host.url}/`, 200]]);

    let headers: Record<string, string[]> = {};
    electron.session.defaultSession.headersListener!(
      { responseHeaders: { 'content-security-policy': ['default-src *'] } },
      (response) => (headers = response.responseHeaders),
    );
    expect(headers['Content-Security-Policy']![0]).toContain(`script-src ${host.url};`);
    expect(headers).not.toHaveProperty('content-security-policy');

    const granted = (permission: string, requestingUrl: string) =>
      new Promise<boolean>((resolve) =>
        electron.session.defaultSession.permissionRequest!(null, permission, resolve, { requestingUrl }),
      );
    expect(await granted('fullscreen', `${host.url}/`)).toBe(true);
    expect(await granted('media', `${host.url}/`)).toBe(false);
    expect(await granted('fullscreen', 'https://example.com/')).toBe(false);

    const navigate = (url: string) => {
      const event = { url, prevented: false, preventDefault: () => (event.prevented = true) };
      window.webContents.emit('will-navigate', event);
      return event.prevented;
    };
    expect(navigate(`${host.url}/#/jobs`)).toBe(false);
    expect(navigate('https://ffmpeg.org/')).toBe(true);
    expect(navigate('file:///etc/passwd')).toBe(true);
    expect(named('shell.openExternal')).toEqual([['shell.openExternal', 'https://ffmpeg.org/']]);
    expect(window.webContents.openHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
  });

  it('brings the one window back on a second launch instead of opening another', async () => {
    electron.app.emit('second-instance');
    electron.app.emit('second-instance');
    await waitUntil('the window to be focused', () => named('window.focus').length === 2, 5_000);
    expect(electron.BrowserWindow.all).toHaveLength(1);
  });

  it('gives the URL and token only to the app window’s top frame', () => {
    const bootstrap = (event: object) => {
      const withReturn = { ...event, returnValue: undefined as unknown };
      electron.ipcMain.emit(IPC.bootstrap, withReturn);
      return withReturn.returnValue;
    };
    expect(bootstrap(trustedEvent())).toEqual({ serverUrl: host.url, token: host.token });
    expect(bootstrap({ ...trustedEvent(), senderFrame: { url: 'https://evil.example/', parent: null } })).toBeNull();
    expect(bootstrap({ ...trustedEvent(), senderFrame: { url: `${host.url}/`, parent: {} } })).toBeNull();
    expect(bootstrap({ ...trustedEvent(), sender: {} })).toBeNull();
  });

  it('runs OS actions on engine paths only, after checking sender and arguments', async () => {
    const job = await host.engine.create(testSpec('Quick'));
    await waitForStatus(host.engine, job.jobId, 'completed');
    const artifact = host.engine.artifactPath(job.jobId, 'output.txt')!;
    expect(fs.existsSync(artifact)).toBe(true);

    await invoke(IPC.showArtifactInFolder, trustedEvent(), job.jobId, 'output.txt');
    await invoke(IPC.openArtifact, trustedEvent(), job.jobId, 'output.txt');
    await invoke(IPC.openDataFolder, trustedEvent());
    expect(named('shell.showItemInFolder')).toEqual([['shell.showItemInFolder', artifact]]);
    expect(named('shell.openPath')).toEqual([
      ['shell.openPath', artifact],
      ['shell.openPath', host.engine.dataDir],
    ]);

    await expect(invoke(IPC.openArtifact, trustedEvent(), job.jobId, '../job.json')).rejects.toThrow(/Refused/);
    await expect(invoke(IPC.openArtifact, trustedEvent(), job.jobId, 'missing.mp4')).rejects.toThrow(/No artifact/);
    await expect(invoke(IPC.openDataFolder, trustedEvent(), '/etc')).rejects.toThrow(/Refused/);
    const foreign = { ...trustedEvent(), senderFrame: { url: 'http://localhost:1/', parent: null } };
    await expect(invoke(IPC.openArtifact, foreign, job.jobId, 'output.txt')).rejects.toThrow(/Refused/);
    expect(named('shell.openPath')).toHaveLength(2);
  });

  it('notifies a finished render; clicking it focuses the window and opens the job', async () => {
    const job = await host.engine.create(testSpec('Sunset'));
    await waitUntil('a notification', () => named('notification').length > 0, 10_000);
    expect(named('notification')).toEqual([['notification', 'Render finished', '“Sunset” is ready to watch.']]);
    electron.Notification.live[0]!.emit('click');
    await waitUntil('the job to be opened', () => named('webContents.send').length > 0, 5_000);
    expect(named('webContents.send')).toEqual([['webContents.send', IPC.openJob, job.jobId]]);
    expect(named('window.focus').length).toBeGreaterThan(0);
  });

  it('asks before quitting with a render running, then pauses it and closes the host', async () => {
    const job = await host.engine.create(testSpec('Slow render'));
    await waitForStatus(host.engine, job.jobId, 'running');
    await waitUntil('progress', () => named('setProgressBar').some(([, value]) => (value as number) >= 0), 5_000);

    electron.answers.push(1); // "Keep working"
    electron.app.quit();
    await waitUntil('the question', () => named('dialog.showMessageBox').length === 1, 5_000);
    const [, message, detail, buttons] = named('dialog.showMessageBox')[0]!;
    expect(message).toBe('A render is still running.');
    expect(detail).toContain('“Slow render”');
    expect(buttons).toEqual(['Pause renders and quit', 'Keep working']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(host.engine.get(job.jobId)?.status).toBe('running');
    expect(fs.existsSync(path.join(dataDir, 'server.json'))).toBe(true);

    // Closing the window on Windows/Linux is quitting: the same question, answered "Pause and quit".
    electron.answers.push(0);
    appWindow().close();
    await waitUntil('the app to exit', () => named('app.exited').length === 1, 10_000);
    expect(named('dialog.showMessageBox')).toHaveLength(2);
    const record = JSON.parse(fs.readFileSync(path.join(dataDir, 'jobs', job.jobId, 'job.json'), 'utf8'));
    expect(record.status).toBe('paused');
    expect(fs.existsSync(path.join(dataDir, 'server.json'))).toBe(false);
    expect(named('setProgressBar').at(-1)).toEqual(['setProgressBar', -1]);
    // Saved before the app exits, not in a write the exit could cut short.
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, 'window-state.json'), 'utf8'))).toEqual({
      schemaVersion: 1,
      x: 40,
      y: 50,
      width: 1100,
      height: 760,
      maximized: false,
    });
  });

  it('quits without a question on SIGTERM (service stop, Ctrl-C), pausing running work', async () => {
    const job = await host.engine.create(testSpec('Slow on SIGTERM'));
    await waitForStatus(host.engine, job.jobId, 'running');
    const listeners = process.listenerCount('SIGTERM');
    process.emit('SIGTERM');
    await waitUntil('the app to exit', () => named('app.exited').length === 1, 10_000);
    expect(named('dialog.showMessageBox')).toEqual([]);
    const record = JSON.parse(fs.readFileSync(path.join(dataDir, 'jobs', job.jobId, 'job.json'), 'utf8'));
    expect(record.status).toBe('paused');
    // A second Ctrl-C during shutdown gets the default behaviour again (the handler is gone).
    expect(process.listenerCount('SIGTERM')).toBe(listeners - 1);
  });

  it('quits without a question when nothing runs', async () => {
    electron.app.quit();
    await waitUntil('the app to exit', () => named('app.exited').length === 1, 10_000);
    expect(named('dialog.showMessageBox')).toEqual([]);
    expect(fs.existsSync(path.join(dataDir, 'server.json'))).toBe(false);
  });

  it('sets ffmpegPath only through the native picker, after checking the chosen file', async () => {
    const script = path.join(temp.dir, 'not-ffmpeg.sh');
    fs.writeFileSync(script, '#!/bin/sh\necho hi\n', { mode: 0o755 });
    electron.openDialogAnswers.push(null, script, ffmpegInstaller.path);
    expect(await invoke(IPC.chooseFfmpeg, trustedEvent())).toEqual({ canceled: true });
    await expect(invoke(IPC.chooseFfmpeg, trustedEvent())).rejects.toThrow(/does not answer like ffmpeg/);
    expect(host.engine.settings().ffmpegPath).toBeNull();
    expect(await invoke(IPC.chooseFfmpeg, trustedEvent())).toEqual({ ffmpegPath: ffmpegInstaller.path });
    expect(host.engine.settings().ffmpegPath).toBe(ffmpegInstaller.path);
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, 'settings.json'), 'utf8')).ffmpegPath).toBe(
      ffmpegInstaller.path,
    );
    await invoke(IPC.useDefaultFfmpeg, trustedEvent());
    expect(host.engine.settings().ffmpegPath).toBeNull();

    const foreign = { ...trustedEvent(), senderFrame: { url: 'https://evil.example/', parent: null } };
    await expect(invoke(IPC.chooseFfmpeg, foreign)).rejects.toThrow(/Refused/);
    await expect(invoke(IPC.chooseFfmpeg, trustedEvent(), '/tmp/evil.sh')).rejects.toThrow(/Refused/);
    expect(named('dialog.showOpenDialog')).toHaveLength(3);
  });

  it('answers a chosen image or music file’s path, refusing the wrong kind', async () => {
    // A real picture: main checks what the file holds, not only its name.
    const image = writeTestImage(path.join(temp.dir, 'sky.png'), 'color=c=blue:s=16x16');
    electron.openDialogAnswers.push(image, image, null);
    expect(await invoke(IPC.chooseImageFile, trustedEvent())).toBe(image);
    await expect(invoke(IPC.chooseMusicFile, trustedEvent())).rejects.toThrow(/sky\.png is not a music file/);
    expect(await invoke(IPC.chooseMusicFile, trustedEvent())).toBeNull();
    const [, title, filters] = named('dialog.showOpenDialog')[0]!;
    expect(title).toBe('Choose an image for the scene');
    expect(JSON.stringify(filters)).toContain('png');
  });

  it('answers the chosen farm shared folder’s path (the page saves it; the server checks it), only to the window', async () => {
    electron.openDialogAnswers.push(temp.dir, null);
    expect(await invoke(IPC.chooseFarmFolder, trustedEvent())).toBe(temp.dir);
    expect(await invoke(IPC.chooseFarmFolder, trustedEvent())).toBeNull();
    expect(host.engine.settings().farmSharedDir).toBeNull();
    const [, title] = named('dialog.showOpenDialog')[0]!;
    expect(title).toMatch(/shared folder/);
    const foreign = { ...trustedEvent(), senderFrame: { url: 'https://evil.example/', parent: null } };
    await expect(invoke(IPC.chooseFarmFolder, foreign)).rejects.toThrow(/Refused/);
    await expect(invoke(IPC.chooseFarmFolder, trustedEvent(), '/etc')).rejects.toThrow(/Refused/);
    expect(named('dialog.showOpenDialog')).toHaveLength(2);
  });

  it('counts down and quits when the queue finishes, if asked to; the window sees the countdown', async () => {
    expect(await invoke(IPC.getFinishAction, trustedEvent())).toBe('nothing');
    await expect(invoke(IPC.setFinishAction, trustedEvent(), 'reboot')).rejects.toThrow(/Refused/);
    await invoke(IPC.setFinishAction, trustedEvent(), 'quit');
    expect(await invoke(IPC.getFinishAction, trustedEvent())).toBe('quit');
    const job = await host.engine.create(testSpec('Last one'));
    await waitForStatus(host.engine, job.jobId, 'completed');
    const countdowns = () => named('webContents.send').filter(([, channel]) => channel === IPC.finishCountdown);
    await waitUntil('the countdown', () => countdowns().length > 0, 5_000);
    expect(countdowns()[0]).toEqual(['webContents.send', IPC.finishCountdown, { action: 'quit', secondsLeft: 60 }]);
    expect(named('notification')).toContainEqual([
      'notification',
      'Queue finished',
      '1 video rendered. Aura Studio quits in 60 s unless you cancel.',
    ]);
    await invoke(IPC.cancelFinishCountdown, trustedEvent());
    expect(countdowns().at(-1)).toEqual(['webContents.send', IPC.finishCountdown, null]);
    expect(named('app.quit')).toEqual([]);
  });
});
