// @vitest-environment happy-dom
/**
 * The render form in a DOM against a real host (engine + loopback server on a random port, test
 * steps, real files): what it checks itself, what it sends, the draft, import and the shortcut.
 * The same form in Chromium against `aura serve` is tests/e2e/render-form.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHost, type Host } from '../../../../src-main/host.js';
import { createApiClient } from '../../../../src-renderer/api/api-client.js';
import { installApi } from '../../../../src-renderer/api/client.js';
import { RenderForm } from '../../../../src-renderer/components/form/RenderForm.js';
import { DRAFT_STORAGE_KEY } from '../../../../src-renderer/form/draft-storage.js';
import { resetAppStore } from '../../../../src-renderer/store/app-store.js';
import { openFormWithSpec } from '../../../../src-renderer/store/form-request.js';
import { RenderSpecSchema } from '../../../../src-shared/spec.js';
import { makeTempDir } from '../../../helpers/temp-dir.js';
import { testSteps } from '../../../helpers/test-steps.js';

let temp: ReturnType<typeof makeTempDir>;
let host: Host;

beforeAll(async () => {
  temp = makeTempDir('aura-form-');
  const rendererDir = path.join(temp.dir, 'renderer');
  fs.mkdirSync(rendererDir);
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Aura Studio</title>');
  host = await startHost({ dataDir: path.join(temp.dir, 'data'), rendererDir, steps: testSteps({ units: 1 }) });
});

afterAll(async () => {
  await host.close();
  temp.cleanup();
});

beforeEach(() => {
  // Same origin as the server, as when the page is served by `aura serve`.
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(`${host.url}/`);
  installApi(createApiClient({ baseUrl: host.url, token: host.token }), null);
  resetAppStore();
  window.localStorage.clear();
});

afterEach(cleanup);

const titleInput = () => screen.getByLabelText('Title') as HTMLInputElement;
const scriptInput = () => screen.getByLabelText('Script') as HTMLTextAreaElement;

describe('RenderForm', () => {
  it('checks the form itself and says what is wrong in sentences, sending nothing', async () => {
    render(<RenderForm />);
    fireEvent.click(screen.getByRole('button', { name: 'Render' }));
    expect(await screen.findByText('Give the video a title.')).toBeTruthy();
    expect(screen.getByText(/^Write the script: a line starting with #/)).toBeTruthy();
    expect(titleInput().getAttribute('aria-invalid')).toBe('true');
    expect(host.engine.stats().total).toBe(0);
    // Typing in the field takes its error away.
    fireEvent.change(titleInput(), { target: { value: 'Now titled' } });
    expect(screen.queryByText('Give the video a title.')).toBeNull();
  });

  it('renders on Ctrl+Enter, clears the draft only once queued, and says so', async () => {
    render(<RenderForm />);
    fireEvent.change(titleInput(), { target: { value: 'Shortcut' } });
    fireEvent.change(scriptInput(), { target: { value: '# One\nHello there.' } });
    fireEvent.change(screen.getByLabelText('Output size'), { target: { value: 'shorts' } });
    expect(JSON.parse(window.localStorage.getItem(DRAFT_STORAGE_KEY)!).title).toBe('Shortcut');
    fireEvent.keyDown(scriptInput(), { key: 'Enter', ctrlKey: true });
    expect(await screen.findByText('Queued “Shortcut”.')).toBeTruthy();
    const [job] = host.engine.list();
    expect(job!.title).toBe('Shortcut');
    expect(host.engine.get(job!.jobId)!.spec).toMatchObject({
      script: '# One\nHello there.',
      output: { preset: 'shorts', width: 1080, height: 1920 },
    });
    expect(titleInput().value).toBe('');
    // The settings stay for the next video; the content is gone from the draft.
    await waitFor(() =>
      expect(JSON.parse(window.localStorage.getItem(DRAFT_STORAGE_KEY) ?? 'null')).toMatchObject({
        title: '',
        script: '',
        size: 'shorts',
      }),
    );
  });

  it('keeps the draft across a reload', () => {
    const first = render(<RenderForm />);
    fireEvent.change(titleInput(), { target: { value: 'Half written' } });
    fireEvent.change(scriptInput(), { target: { value: '# A\nStill typing' } });
    first.unmount();
    render(<RenderForm />);
    expect(titleInput().value).toBe('Half written');
    expect(scriptInput().value).toBe('# A\nStill typing');
    expect(screen.getByText(/About 0:02 of video · 1 scene/)).toBeTruthy();
  });

  it('imports a spec file into every field, scenes included', async () => {
    render(<RenderForm />);
    const spec = {
      title: 'Imported',
      scenes: [{ heading: 'Sea', narration: 'Waves.', durationSec: 3, image: '/pics/sea.png', fit: 'contain' }],
      output: { preset: 'portrait' },
      music: { path: '/music/bed.mp3', volumeDb: -24 },
      captions: 'sidecar',
    };
    const file = new File([JSON.stringify(spec)], 'imported.json', { type: 'application/json' });
    const input = screen.getByLabelText('File to import (.txt, .md, .json)') as HTMLInputElement;
    await act(async () => {
      fireEvent.change(input, { target: { files: [file] } });
    });
    await screen.findByText('Imported the spec imported.json.');
    expect(titleInput().value).toBe('Imported');
    expect((screen.getByLabelText('Scene 1 Heading') as HTMLInputElement).value).toBe('Sea');
    expect((screen.getByLabelText('Scene 1 Image') as HTMLInputElement).value).toBe('/pics/sea.png');
    expect((screen.getByLabelText('Output size') as HTMLSelectElement).value).toBe('portrait');
    expect((screen.getByLabelText('Music file') as HTMLInputElement).value).toBe('/music/bed.mp3');
    expect((screen.getByLabelText('Captions') as HTMLSelectElement).value).toBe('sidecar');
    expect(screen.getByText(/About 0:03 of video · 1 scene/)).toBeTruthy();
  });

  it('puts a scene’s problem at that scene’s field', async () => {
    render(<RenderForm />);
    fireEvent.change(titleInput(), { target: { value: 'Scenes' } });
    fireEvent.change(scriptInput(), { target: { value: '# One\nFirst.\n\n# Two\nSecond.' } });
    fireEvent.click(screen.getByRole('button', { name: /Edit as scenes/ }));
    fireEvent.change(screen.getByLabelText('Scene 2 Image'), { target: { value: 'relative.png' } });
    fireEvent.click(screen.getByRole('button', { name: 'Render' }));
    const message = await screen.findByText(
      'Scene 2: give the image’s full path, for example /home/you/Pictures/sky.png.',
    );
    const image = screen.getByLabelText('Scene 2 Image');
    expect(image.getAttribute('aria-describedby')).toContain(message.id);
    await waitFor(() => expect(document.activeElement).toBe(image));
    expect(host.engine.stats().total).toBe(1);
  });

  it('fills itself from a job’s stored spec for “Edit & render again”, and renders the edit', async () => {
    render(<RenderForm />);
    const stored = RenderSpecSchema.parse({
      title: 'Sunset',
      script: '# Sky\nOrange and red.',
      output: { preset: 'square', quality: 'draft' },
      voice: { engine: 'none' },
      captions: 'burn',
    });
    act(() => openFormWithSpec(stored, null));
    expect(await screen.findByRole('heading', { name: 'Edit & render “Sunset” again' })).toBeTruthy();
    expect(titleInput().value).toBe('Sunset');
    expect(scriptInput().value).toBe('# Sky\nOrange and red.');
    expect((screen.getByLabelText('Output size') as HTMLSelectElement).value).toBe('square');
    fireEvent.change(titleInput(), { target: { value: 'Sunset, again' } });
    fireEvent.click(screen.getByRole('button', { name: 'Render' }));
    await screen.findByText('Queued “Sunset, again”.');
    const again = host.engine.list().find((job) => job.title === 'Sunset, again')!;
    const { title: _a, ...spec } = host.engine.get(again.jobId)!.spec;
    const { title: _b, ...original } = stored;
    expect(spec).toEqual(original);
  });

  it('ignores a file dropped beside the form, so a browser tab does not open it in place of the app', () => {
    render(<RenderForm />);
    const outside = document.createElement('div');
    document.body.append(outside);
    const drop = new Event('drop', { bubbles: true, cancelable: true });
    Object.defineProperty(drop, 'dataTransfer', { value: { types: ['Files'], files: [] } });
    outside.dispatchEvent(drop);
    expect(drop.defaultPrevented).toBe(true);
    const text = new Event('drop', { bubbles: true, cancelable: true });
    Object.defineProperty(text, 'dataTransfer', { value: { types: ['text/plain'] } });
    outside.dispatchEvent(text);
    expect(text.defaultPrevented).toBe(false);
    outside.remove();
  });

  it('renders on Cmd+Enter too, from any control of the form', async () => {
    render(<RenderForm />);
    fireEvent.change(titleInput(), { target: { value: 'Mac shortcut' } });
    fireEvent.change(scriptInput(), { target: { value: '# One\nHi.' } });
    fireEvent.keyDown(screen.getByLabelText('Quality'), { key: 'Enter', metaKey: true });
    expect(await screen.findByText('Queued “Mac shortcut”.')).toBeTruthy();
    // A plain Enter in the script is a new line, not a render.
    fireEvent.change(titleInput(), { target: { value: 'Not yet' } });
    fireEvent.keyDown(scriptInput(), { key: 'Enter' });
    // A submit would show "Starting…" at once (the keydown is flushed in act).
    expect(screen.queryByText('Starting…')).toBeNull();
    expect(screen.getByText('Queued “Mac shortcut”.')).toBeTruthy();
  });

  it('starts over: the content goes, the settings stay, and so does “Edit & render again”', () => {
    render(<RenderForm />);
    expect(screen.queryByRole('button', { name: 'Start over' })).toBeNull();
    act(() =>
      openFormWithSpec(RenderSpecSchema.parse({ title: 'Old', script: '# A\nx', output: { preset: 'shorts' } }), null),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Start over' }));
    expect(screen.getByRole('heading', { name: 'New render' })).toBeTruthy();
    expect(titleInput().value).toBe('');
    expect(scriptInput().value).toBe('');
    expect((screen.getByLabelText('Output size') as HTMLSelectElement).value).toBe('shorts');
    expect(screen.queryByRole('button', { name: 'Start over' })).toBeNull();
  });
});
