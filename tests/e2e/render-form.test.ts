/**
 * The render form in Chromium against a real `aura serve`: presets by platform name, a scene
 * list with a real image rendered to the end, import by drag and drop and by file picker,
 * export, the draft across a reload, sentences at the fields, Ctrl+Enter and the focus on the
 * new row, and the layout at 900 and 720 px. Screenshots go to test-output/screenshots/form-*.png.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { writeTestImage } from '../helpers/test-image.js';
import { useAppSession } from './app-session.js';
import { cspViolations, jobIdOf, jobRow, screenshot, waitForStatus } from './ui-page.js';

let image: string;
const session = useAppSession('form', (dir) => {
  // A real picture for the scene list: one orange 160x90 frame.
  image = writeTestImage(join(dir, 'orange.png'), 'color=c=0xff8800:s=160x90');
});

async function apiJob(jobId: string): Promise<{ spec: Record<string, unknown>; status: string }> {
  const response = await fetch(`${session.server.url}/api/jobs/${jobId}`, {
    headers: { authorization: `Bearer ${session.token}` },
  });
  return (await response.json()) as { spec: Record<string, unknown>; status: string };
}

/** Drops a file made in the page on `selector`, as a drag from the desktop would. */
async function dropFile(page: Page, selector: string, name: string, text: string, type: string): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ([fileName, content, mime]) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([content!], fileName!, { type: mime! }));
      return transfer;
    },
    [name, text, type],
  );
  await page.locator(selector).dispatchEvent('dragover', { dataTransfer });
  await page.locator(selector).dispatchEvent('drop', { dataTransfer });
}

/** Opens "More options" (a click toggles it, so only when it is closed). */
async function openMoreOptions(page: Page): Promise<void> {
  const details = page.locator('details.more-options');
  if (!(await details.evaluate((el) => (el as HTMLDetailsElement).open))) await details.locator('summary').click();
}

describe('the render form in Chromium against aura serve', () => {
  it('offers the presets by platform name and says in sentences what is missing', async () => {
    const { page } = session.app;
    const labels = await page.getByLabel('Output size').locator('option').allTextContents();
    for (const name of ['YouTube 1080p', 'YouTube 720p', 'Shorts, Reels, TikTok', 'Square', 'Instagram portrait']) {
      expect(labels.some((label) => label.includes(name))).toBe(true);
    }
    await page.getByRole('button', { name: 'Render', exact: true }).click();
    await page.getByText('Give the video a title.').waitFor();
    expect(await page.getByLabel('Title').evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.locator('.field__error').allTextContents()).not.toContainEqual(
      expect.stringMatching(/expected|Too small/),
    );
    await screenshot(page, 'form-sentences');
  });

  it('keeps the draft across a reload', async () => {
    const { page } = session.app;
    await page.getByLabel('Title').fill('Kept over a reload');
    await page.getByLabel('Script').fill('# One\nWords that survive a reload of the page.');
    await page.reload();
    await page.getByLabel('Title').waitFor();
    expect(await page.getByLabel('Title').inputValue()).toBe('Kept over a reload');
    expect(await page.getByLabel('Script').inputValue()).toContain('survive a reload');
    await page.getByText(/About 0:0\d of video · 1 scene/).waitFor();
  });

  it('renders on Ctrl+Enter with a platform preset and puts the keyboard on the new row', async () => {
    const { page } = session.app;
    await page.getByLabel('Output size').selectOption('shorts');
    await page.getByLabel('Quality').selectOption('draft');
    await page.getByLabel('Voice', { exact: true }).selectOption('none');
    await page.getByLabel('Title').fill('Shortcut short');
    await page.getByLabel('Script').press('Control+Enter');
    const row = jobRow(page, 'Shortcut short');
    await row.waitFor();
    const jobId = await jobIdOf(row);
    await page.waitForFunction(
      (id) => document.activeElement?.closest('[data-job-id]')?.getAttribute('data-job-id') === id,
      jobId,
    );
    const job = await apiJob(jobId);
    expect(job.spec.output).toMatchObject({ preset: 'shorts', width: 1080, height: 1920, quality: 'draft' });
    // Queued: the content is gone from the form and the draft, the settings stay.
    expect(await page.getByLabel('Title').inputValue()).toBe('');
    await page.reload();
    await page.getByLabel('Title').waitFor();
    expect(await page.getByLabel('Title').inputValue()).toBe('');
    expect(await page.getByLabel('Output size').inputValue()).toBe('shorts');
    // A 1080x1920 render is not what this test is about: stop it.
    await fetch(`${session.server.url}/api/render/${jobId}/cancel`, {
      method: 'POST',
      headers: { authorization: `Bearer ${session.token}` },
    });
  });

  it('imports a script dropped on the form, and a spec by the file picker', async () => {
    const { page } = session.app;
    await dropFile(page, 'form.render-form', 'why-the-sea-is-blue.md', '# Sea\nThe sea looks blue.', 'text/markdown');
    await page.getByText('Imported the script why-the-sea-is-blue.md.').waitFor();
    expect(await page.getByLabel('Script').inputValue()).toBe('# Sea\nThe sea looks blue.');
    expect(await page.getByLabel('Title').inputValue()).toBe('Why the sea is blue');

    const spec = {
      title: 'From a spec file',
      scenes: [{ heading: 'Orange', narration: 'A warm colour.', durationSec: 1, image }],
      output: { width: 160, height: 90, fps: 10, quality: 'draft' },
      voice: { engine: 'none' },
      captions: 'none',
    };
    await page.getByLabel('File to import (.txt, .md, .json)').setInputFiles({
      name: 'from-a-spec.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(spec)),
    });
    await page.getByText('Imported the spec from-a-spec.json.').waitFor();
    expect(await page.getByLabel('Scene 1 image').inputValue()).toBe(image);
    expect(await page.getByLabel('Output size').inputValue()).toBe('160x90');
    await openMoreOptions(page);
    expect(await page.getByLabel('Captions').inputValue()).toBe('none');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export spec' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('from-a-spec-file.json');
    expect(JSON.parse(readFileSync((await file.path())!, 'utf8'))).toEqual(spec);
  });

  it('renders a scene list with a real image and colours to the end', async () => {
    const { page } = session.app;
    await page.getByRole('button', { name: 'Add scene' }).click();
    await page.getByLabel('Scene 2 heading').fill('Blue');
    await page.getByLabel('Scene 2 narration').fill('A cool colour.');
    await page.getByLabel('Scene 2 background').fill('#2040c0');
    await page.getByLabel('Scene 2 duration (s)').fill('1');
    await page.getByText(/About 0:02 of video · 2 scenes/).waitFor();
    await screenshot(page, 'form-scene-list');
    await page.getByRole('button', { name: 'Render', exact: true }).click();
    const row = jobRow(page, 'From a spec file');
    await waitForStatus(row, 'Completed', 90_000);
    const job = await apiJob(await jobIdOf(row));
    expect(job.spec.scenes).toMatchObject([
      { heading: 'Orange', image },
      { heading: 'Blue', background: '#2040c0', durationSec: 1 },
    ]);
  });

  it('edits a finished job’s spec in the form and renders the edit (“Edit & render again”)', async () => {
    const { page } = session.app;
    const row = jobRow(page, 'From a spec file');
    await row.getByRole('button', { name: 'Edit & render again' }).click();
    await page.getByRole('heading', { name: 'Edit & render “From a spec file” again' }).waitFor();
    expect(await page.getByLabel('Scene 1 Image').inputValue()).toBe(image);
    expect(await page.getByLabel('Scene 2 Background').inputValue()).toBe('#2040c0');
    expect(await page.getByLabel('Output size').inputValue()).toBe('160x90');
    await page.getByLabel('Title').fill('Edited copy');
    await page.getByLabel('Scene 2 Duration (s)').fill('1.5');
    await page.getByRole('button', { name: 'Render', exact: true }).click();
    const copy = jobRow(page, 'Edited copy');
    await waitForStatus(copy, 'Completed', 90_000);
    const job = await apiJob(await jobIdOf(copy));
    expect(job.spec.scenes).toMatchObject([
      { heading: 'Orange', image },
      { heading: 'Blue', durationSec: 1.5 },
    ]);
    expect(job.spec.captions).toBe('none');
  });

  it('shows the server’s file check at the scene and the music field, and queues nothing', async () => {
    const { page } = session.app;
    await page.getByLabel('Title').fill('Missing files');
    await page.getByLabel('Script').fill('# One\nFirst.\n\n# Two\nSecond.');
    await page.getByRole('button', { name: /Edit as scenes/ }).click();
    const gone = join(session.dataDir, 'gone.png');
    await page.getByLabel('Scene 2 Image').fill(gone);
    await openMoreOptions(page);
    await page.getByLabel('Music file').fill(join(session.dataDir, 'no-such-bed.mp3'));
    await page.getByRole('button', { name: 'Render', exact: true }).click();
    const image = page.getByLabel('Scene 2 Image');
    await page.waitForFunction(() => document.querySelectorAll('.field--invalid').length >= 2);
    expect(await image.getAttribute('aria-invalid')).toBe('true');
    const imageError = await page
      .locator(`[id="${(await image.getAttribute('aria-describedby'))!.split(' ')[0]}"]`)
      .textContent();
    expect(imageError).toMatch(/^Scene 2 image: .*gone\.png/);
    const music = page.getByLabel('Music file');
    const musicError = await page
      .locator(`[id="${(await music.getAttribute('aria-describedby'))!.split(' ')[0]}"]`)
      .textContent();
    expect(musicError).toMatch(/^Music file: .*no-such-bed\.mp3/);
    expect(await image.evaluate((el) => el === document.activeElement)).toBe(true);
    await screenshot(page, 'form-file-check');
    const queued = await fetch(`${session.server.url}/api/queue`, {
      headers: { authorization: `Bearer ${session.token}` },
    });
    expect(((await queued.json()) as { jobs: { title: string }[] }).jobs.map((j) => j.title)).not.toContain(
      'Missing files',
    );
  });

  it('stacks above the queue at 900 and 720 px without sideways scrolling', async () => {
    const { page } = session.app;
    for (const width of [900, 720]) {
      await page.setViewportSize({ width, height: 800 });
      const form = (await page.locator('form.render-form').boundingBox())!;
      const queue = (await page.locator('.queue-panel').boundingBox())!;
      expect(form.y + form.height).toBeLessThanOrEqual(queue.y + 1);
      expect(form.width).toBeGreaterThan(width * 0.8);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await screenshot(page, `form-layout-${width}`);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await cspViolations(page)).toEqual([]);
    expect(session.app.problems).toEqual([]);
  });
});
