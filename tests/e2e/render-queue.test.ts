import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newToken, startAura } from './aura-server.js';
import { useAppSession } from './app-session.js';
import {
  cspViolations,
  jobIdOf,
  jobRow,
  openApp,
  screenshot,
  SLOW,
  SLOW_SCRIPT,
  submitRender,
  TINY_SCRIPT,
  waitForStatus,
} from './ui-page.js';
import { waitUntil } from './wait.js';

const session = useAppSession('queue');

describe('the render queue in Chromium against aura serve', () => {
  it('keeps the token out of the address bar and shows the empty queue', async () => {
    const { page } = session.app;
    await page.getByRole('status').filter({ hasText: 'No renders yet' }).waitFor();
    expect(page.url()).not.toContain('token=');
    expect(await page.getByLabel('Title').isVisible()).toBe(true);
  });

  it('shows a bad script’s error at the Script field and starts nothing', async () => {
    const { page } = session.app;
    await page.getByLabel('Title').fill('No script');
    await page.getByLabel('Script').fill('');
    await page.getByRole('button', { name: 'Render', exact: true }).click();
    const script = page.getByLabel('Script');
    await page.locator('.field--invalid .field__error').first().waitFor();
    expect(await script.getAttribute('aria-invalid')).toBe('true');
    expect(await script.evaluate((el) => el === document.activeElement)).toBe(true);
    const describedBy = (await script.getAttribute('aria-describedby'))!.split(' ')[0]!;
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toMatch(/\S/);
    await screenshot(page, 'form-field-error');
    expect(await page.getByRole('listitem').count()).toBe(0);
    await page.getByLabel('Title').fill('');
  });

  it('can be driven from the keyboard alone', async () => {
    const { page } = session.app;
    await page.getByLabel('Title').focus();
    await page.keyboard.type('Typed by keyboard');
    await page.keyboard.press('Tab');
    await page.keyboard.type('# One\nKeys only.');
    // Tab on through the selects to the Render button, then press it.
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      const name = await page.evaluate(() => document.activeElement?.textContent?.trim());
      if (name === 'Render') break;
    }
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Render');
    await page.keyboard.press('Enter');
    await waitForStatus(jobRow(page, 'Typed by keyboard'), 'Completed', 60_000);
  });

  it('renders a tiny video from the form, watches it complete and plays it', async () => {
    const { page } = session.app;
    await submitRender(page, { title: 'Tiny sky', script: TINY_SCRIPT });
    const row = jobRow(page, 'Tiny sky');
    await waitForStatus(row, 'Completed', 60_000);
    expect(await row.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
    expect(await row.getByText('100%').isVisible()).toBe(true);
    expect(await row.getByRole('button').allTextContents()).toEqual([
      'Open output',
      'Render again',
      'Edit & render again',
      'Delete',
    ]);
    expect(await row.getByText(/Took \d/).isVisible()).toBe(true);
    await screenshot(page, 'queue-completed');

    await row.getByRole('link', { name: 'Tiny sky' }).click();
    await page.locator('video').waitFor();
    await page.waitForFunction(() => {
      const v = document.querySelector('video');
      return v !== null && v.readyState >= 1 && v.duration > 0.5;
    });
    const played = await page.evaluate(async () => {
      const v = document.querySelector('video')!;
      v.muted = true;
      await v.play();
      await new Promise<void>((resolve) => {
        const done = () => (v.currentTime > 0.2 || v.ended ? resolve() : requestAnimationFrame(done));
        done();
      });
      return { currentTime: v.currentTime, duration: v.duration, width: v.videoWidth, height: v.videoHeight };
    });
    expect(played).toMatchObject({ width: 160, height: 90 });
    expect(played.currentTime).toBeGreaterThan(0.2);
    await page.getByRole('list', { name: 'Scene previews' }).getByRole('img', { name: 'Scene 2' }).waitFor();
    await page.getByText('Succeeded').first().waitFor();
    expect(await page.getByLabel('Log tail').textContent()).toContain('[info]');
    await screenshot(page, 'job-detail');
    await page.getByRole('link', { name: '← Queue' }).click();
  });

  it('cancels a running job after asking, and its temp and proxy files are gone', async () => {
    const { page } = session.app;
    await submitRender(page, { title: 'Cancel me', script: SLOW_SCRIPT, ...SLOW });
    const row = jobRow(page, 'Cancel me');
    await row.getByText(/Visuals/).waitFor({ timeout: 30_000 });
    const jobId = await jobIdOf(row);
    expect(existsSync(join(session.dataDir, 'temp', jobId))).toBe(true);
    await screenshot(page, 'queue-running');
    // Escape keeps the render going; the default button is the safe one.
    await row.getByRole('button', { name: 'Cancel' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(
      await dialog.getByRole('button', { name: 'Keep rendering' }).evaluate((b) => b === document.activeElement),
    ).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await row.getByText('Running', { exact: true }).isVisible()).toBe(true);
    await row.getByRole('button', { name: 'Cancel' }).click();
    await dialog.getByRole('button', { name: 'Yes, cancel it' }).click();
    await waitForStatus(row, 'Canceled', 15_000);
    await waitUntil(
      'temp and proxy removed',
      () => !existsSync(join(session.dataDir, 'temp', jobId)) && !existsSync(join(session.dataDir, 'proxy', jobId)),
    );
    expect(await row.getByRole('button').allTextContents()).toEqual(['Render again', 'Edit & render again', 'Delete']);
  });

  it('pauses a running job and resumes it to completion', async () => {
    const { page } = session.app;
    await submitRender(page, { title: 'Pause me', script: SLOW_SCRIPT, ...SLOW });
    const row = jobRow(page, 'Pause me');
    await row.getByText(/Visuals/).waitFor({ timeout: 30_000 });
    await row.getByRole('button', { name: 'Pause' }).click();
    await waitForStatus(row, 'Paused', 15_000);
    const pausedAt = Number(await row.getByRole('progressbar').getAttribute('aria-valuenow'));
    await screenshot(page, 'queue-paused');
    await row.getByRole('button', { name: 'Resume' }).click();
    // Follow it live in its detail view: its own stream moves the steps and brings the thumbnails.
    await row.getByRole('link', { name: 'Pause me' }).click();
    const header = page.locator('.detail__head');
    await header.getByText('Running', { exact: true }).waitFor({ timeout: 30_000 });
    await screenshot(page, 'job-detail-running');
    await header.getByText('Completed', { exact: true }).waitFor({ timeout: 90_000 });
    const scenes = page.getByRole('list', { name: 'Scene previews' });
    await scenes.getByRole('img', { name: 'Scene 6' }).waitFor();
    expect(await scenes.getByRole('img').count()).toBe(6);
    await page.locator('video').waitFor();
    expect(pausedAt).toBeGreaterThan(0);
    await page.getByRole('link', { name: '← Queue' }).click();
    await waitForStatus(row, 'Completed', 5_000);
  });

  it('reconnects by itself when the server restarts mid-render, and shows the job resumed', async () => {
    const { page } = session.app;
    await page.evaluate(() => ((window as unknown as { marker: string }).marker = 'same page'));
    await submitRender(page, { title: 'Survive a restart', script: SLOW_SCRIPT, ...SLOW });
    const row = jobRow(page, 'Survive a restart');
    await row.getByText(/Visuals/).waitFor({ timeout: 30_000 });
    const port = session.server.port;
    await session.server.stop();
    await page.locator('[data-connection="reconnecting"]').waitFor({ timeout: 15_000 });
    // Nothing pretends while the stream is down: the running row says so, its clock stops and
    // the actions that need the server are disabled.
    await row.getByText('Reconnecting…', { exact: true }).waitFor();
    expect(await row.getByText('clock stopped').isVisible()).toBe(true);
    expect(await row.getByRole('button', { name: 'Pause' }).isDisabled()).toBe(true);
    expect(await row.getByRole('button', { name: 'Cancel' }).isDisabled()).toBe(true);
    await screenshot(page, 'banner-reconnecting');
    session.server = await startAura({ dataDir: session.dataDir, token: session.token, port });
    await page.locator('[data-connection="caught-up"], [data-connection="live"]').waitFor({ timeout: 20_000 });
    await waitForStatus(row, 'Completed', 90_000);
    // "Took" is render time: the steps' own run times, not the wall clock across the restart.
    const took = await row.getByText(/^Took /).textContent();
    expect(took).toMatch(/^Took \d/);
    expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('same page');
  });

  it('shows a failed job’s error with what to do about it', async () => {
    const { page } = session.app;
    // Images are checked at submit, so the picture is real then and gone when the job runs: queue
    // it with the queue paused, delete the file, resume the queue.
    const image = join(session.dataDir, 'picture.png');
    await page.screenshot({ path: image });
    const api = (method: string, path: string, body?: unknown) =>
      fetch(`${session.server.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${session.token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : null,
      });
    expect((await api('POST', '/api/queue/pause')).ok).toBe(true);
    const response = await api('POST', '/api/render', {
      title: 'Missing picture',
      scenes: [{ heading: 'Gone', narration: 'Where is it?', image }],
      voice: { engine: 'none' },
      output: { width: 160, height: 90, fps: 10, quality: 'draft' },
    });
    expect(response.status).toBe(201);
    const row = jobRow(page, 'Missing picture');
    await waitForStatus(row, 'Pending', 10_000);
    rmSync(image);
    expect((await api('POST', '/api/queue/resume')).ok).toBe(true);
    await waitForStatus(row, 'Failed', 30_000);
    await row.getByRole('link', { name: 'Missing picture' }).click();
    const panel = page.getByRole('region', { name: 'What went wrong' });
    await panel.waitFor();
    expect(await panel.textContent()).toMatch(/image of scene 1/);
    expect(await panel.getByRole('listitem').count()).toBeGreaterThan(0);
    const preflight = page.getByRole('region', { name: 'Steps' }).getByRole('listitem').first();
    expect(await preflight.textContent()).toMatch(/Preflight\s*Failed/);
    await screenshot(page, 'job-failed');
    await page.getByRole('link', { name: '← Queue' }).click();
  });

  it('manages the machine: storage, clean-up and settings', async () => {
    const { page } = session.app;
    await page.getByRole('link', { name: 'Machine' }).click();
    await page.getByText('Finished videos').waitFor();
    await page.getByRole('button', { name: 'Clean up now' }).click();
    await page.getByText(/Cleaned up \d+ temp/).waitFor();
    const concurrency = page.getByLabel('Renders at once');
    await concurrency.fill('2');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.').waitFor();
    await concurrency.fill('99');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.locator('.field--invalid').getByLabel('Renders at once').waitFor();
    await screenshot(page, 'machine');
    await page.getByRole('link', { name: /^Queue/ }).click();
  });

  it('deletes a finished job after asking, and its files with it', async () => {
    const { page } = session.app;
    const row = jobRow(page, 'Pause me');
    const jobId = await jobIdOf(row);
    expect(existsSync(join(session.dataDir, 'jobs', jobId))).toBe(true);
    await row.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Yes, delete it' }).click();
    await row.waitFor({ state: 'detached' });
    await waitUntil('the job folder removed', () => !existsSync(join(session.dataDir, 'jobs', jobId)));
  });

  it('looks right in dark mode, with no console errors or CSP violations anywhere', async () => {
    const dark = await openApp(session.browser, session.server.pageUrl, { colorScheme: 'dark' });
    await jobRow(dark.page, 'Tiny sky').waitFor();
    await screenshot(dark.page, 'queue-dark');
    expect(dark.problems).toEqual([]);
    expect(session.app.problems).toEqual([]);
    expect(await cspViolations(dark.page)).toEqual([]);
    expect(await cspViolations(session.app.page)).toEqual([]);
  });

  it('says plainly when a restarted server no longer takes its token', async () => {
    const { page } = session.app;
    const port = session.server.port;
    await session.server.stop();
    session.server = await startAura({ dataDir: session.dataDir, token: newToken(), port });
    await page.locator('[data-connection="unauthorized"]').waitFor({ timeout: 20_000 });
    expect(await page.getByRole('status').filter({ hasText: 'new access key' }).count()).toBe(1);
  });
});
