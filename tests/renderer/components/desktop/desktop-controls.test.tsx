// @vitest-environment happy-dom
/**
 * The desktop-only controls in a DOM: they appear only where the preload bridge offers their
 * action, and drive it. The bridge is a recording stand-in (the real one needs Electron: its
 * main side is tests/electron); settings come from a real host.
 */
import fs from 'node:fs';
import path from 'node:path';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHost, type Host } from '../../../../src-main/host.js';
import { createApiClient } from '../../../../src-renderer/api/api-client.js';
import { installApi } from '../../../../src-renderer/api/client.js';
import { FfmpegPicker } from '../../../../src-renderer/components/desktop/FfmpegPicker.js';
import { WhenQueueFinishes } from '../../../../src-renderer/components/desktop/WhenQueueFinishes.js';
import { PathInput } from '../../../../src-renderer/components/form/PathInput.js';
import type { AuraBridge, FinishCountdown } from '../../../../src-shared/bridge.js';
import { makeTempDir } from '../../../helpers/temp-dir.js';
import { testSteps } from '../../../helpers/test-steps.js';

let temp: ReturnType<typeof makeTempDir>;
let host: Host;
let calls: unknown[][];
let countdownListener: ((state: FinishCountdown | null) => void) | null;

/** A bridge that records every call and answers like main would. */
function recordingBridge(overrides: Partial<AuraBridge> = {}): AuraBridge {
  return {
    serverUrl: host.url,
    token: host.token,
    showArtifactInFolder: async () => undefined,
    openArtifact: async () => undefined,
    openDataFolder: async () => undefined,
    getFinishAction: async () => 'notify',
    setFinishAction: async (action) => void calls.push(['setFinishAction', action]),
    cancelFinishCountdown: async () => void calls.push(['cancelFinishCountdown']),
    onFinishCountdown: (listener) => {
      countdownListener = listener;
      return () => (countdownListener = null);
    },
    chooseFfmpeg: async () => {
      const settings = await host.engine.updateSettings({ ffmpegPath: '/opt/ffmpeg/bin/ffmpeg' });
      return { ffmpegPath: settings.ffmpegPath };
    },
    useDefaultFfmpeg: async () => void (await host.engine.updateSettings({ ffmpegPath: null })),
    chooseImageFile: async () => '/pics/chosen.png',
    pathForFile: (file) => `/real/${(file as { name: string }).name}`,
    ...overrides,
  };
}

beforeAll(async () => {
  temp = makeTempDir('aura-desktop-ui-');
  const rendererDir = path.join(temp.dir, 'renderer');
  fs.mkdirSync(rendererDir);
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html>');
  host = await startHost({ dataDir: path.join(temp.dir, 'data'), rendererDir, steps: testSteps() });
});
afterAll(async () => {
  await host.close();
  temp.cleanup();
});
beforeEach(() => {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(`${host.url}/`);
  calls = [];
  countdownListener = null;
});
afterEach(cleanup);

const install = (bridge: AuraBridge | null) =>
  installApi(createApiClient({ baseUrl: host.url, token: host.token }), bridge);

describe('desktop controls', () => {
  it('show nothing in a browser', () => {
    install(null);
    const { container } = render(
      <>
        <WhenQueueFinishes />
        <FfmpegPicker />
      </>,
    );
    expect(container.innerHTML).toBe('');
  });

  it('“When the queue finishes” sets the choice and shows a countdown that can be canceled', async () => {
    install(recordingBridge());
    render(<WhenQueueFinishes />);
    const select = (await screen.findByLabelText('When the queue finishes')) as HTMLSelectElement;
    expect(select.value).toBe('notify');
    fireEvent.change(select, { target: { value: 'sleep' } });
    expect(calls).toEqual([['setFinishAction', 'sleep']]);
    act(() => countdownListener!({ action: 'sleep', secondsLeft: 42 }));
    expect(screen.getByRole('alert').textContent).toContain('The computer goes to sleep in 42 s.');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(calls).toContainEqual(['cancelFinishCountdown']));
    act(() => countdownListener!(null));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('the ffmpeg picker saves through main and shows the saved path', async () => {
    install(recordingBridge());
    render(<FfmpegPicker />);
    await screen.findByText('The ffmpeg that comes with Aura Studio.');
    fireEvent.click(screen.getByRole('button', { name: 'Choose ffmpeg…' }));
    expect(await screen.findByText('/opt/ffmpeg/bin/ffmpeg')).toBeTruthy();
    expect(host.engine.settings().ffmpegPath).toBe('/opt/ffmpeg/bin/ffmpeg');
    fireEvent.click(screen.getByRole('button', { name: 'Use the bundled ffmpeg' }));
    await screen.findByText('The ffmpeg that comes with Aura Studio.');
    expect(host.engine.settings().ffmpegPath).toBeNull();
  });

  it('the ffmpeg picker says why a chosen file was refused, in main’s words', async () => {
    install(
      recordingBridge({
        chooseFfmpeg: async () => {
          throw new Error("Error invoking remote method 'aura:choose-ffmpeg': Error: ls does not answer like ffmpeg.");
        },
      }),
    );
    render(<FfmpegPicker />);
    fireEvent.click(await screen.findByRole('button', { name: 'Choose ffmpeg…' }));
    expect((await screen.findByRole('status')).textContent).toBe('ls does not answer like ffmpeg.');
  });

  it('a path field takes the OS dialog’s choice and a dropped file’s real path in the desktop app', async () => {
    install(recordingBridge());
    const seen: string[] = [];
    const control = { id: 'p', 'aria-describedby': undefined, 'aria-invalid': false };
    render(<PathInput control={control} value="" onChange={(v) => seen.push(v)} kind="image" placeholder="" />);
    fireEvent.click(screen.getByRole('button', { name: 'Choose…' }));
    await waitFor(() => expect(seen).toEqual(['/pics/chosen.png']));
    const file = new File(['x'], 'dropped.png');
    fireEvent.drop(screen.getByRole('textbox'), { dataTransfer: { files: [file], types: ['Files'] } });
    expect(seen).toEqual(['/pics/chosen.png', '/real/dropped.png']);
  });

  it('a path field in a browser says to type the path of a dropped file', () => {
    install(null);
    const seen: string[] = [];
    const control = { id: 'p', 'aria-describedby': undefined, 'aria-invalid': false };
    render(<PathInput control={control} value="" onChange={(v) => seen.push(v)} kind="music" placeholder="" />);
    expect(screen.queryByRole('button', { name: 'Choose…' })).toBeNull();
    fireEvent.drop(screen.getByRole('textbox'), {
      dataTransfer: { files: [new File(['x'], 'bed.mp3')], types: ['Files'] },
    });
    expect(screen.getByRole('status').textContent).toBe(
      'The browser does not say where “bed.mp3” is: type its full path here.',
    );
    expect(seen).toEqual([]);
  });
});
