/**
 * The render farm in the Machine view, in Chromium against real processes: on one machine, the
 * join form saves the pair through PUT /api/settings (field errors from the server, the password
 * never on screen once saved, "Leave the farm"); on a farm (`aura serve --farm … --no-render`,
 * an `aura worker`, a real redis-server with a password), the view names the farm with the
 * password masked, lists the worker live, says plainly when Redis is killed, and recovers by
 * itself when it is restarted. Screenshots at 1280 and 720 px: test-output/screenshots/farm-*.png.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type TestRedis } from '../helpers/redis-server.js';
import { newToken, startAura, startAuraWorker, type AuraServer, type AuraWorker } from './aura-server.js';
import { useAppSession } from './app-session.js';
import { launchChromium } from './chromium.js';
import {
  callApi,
  jobRow,
  openApp,
  renderViaApi,
  screenshot,
  SLOW_SCRIPT,
  waitForStatus,
  type AppPage,
} from './ui-page.js';
import { waitUntil } from './wait.js';

const SECRET = 'e2e-farm-secret';

async function openMachine(page: Page) {
  await page.getByRole('link', { name: 'Machine' }).click();
  return page.getByRole('region', { name: 'Render farm' });
}

/** At 1280 and 720 px: the page never scrolls sideways; a screenshot of each. */
async function shootBothWidths(page: Page, name: string) {
  for (const width of [1280, 720]) {
    await page.setViewportSize({ width, height: 900 });
    const overflowsX = await page.evaluate(
      () => document.scrollingElement!.scrollWidth > document.scrollingElement!.clientWidth + 1,
    );
    expect(overflowsX, `${name} at ${width} px`).toBe(false);
    await screenshot(page, `${name}-${width}px`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe('joining a farm from the Machine view (one machine)', () => {
  let shared: string;
  beforeAll(() => {
    shared = mkdtempSync(join(tmpdir(), 'aura-e2e-shared-'));
  });
  afterAll(() => rmSync(shared, { recursive: true, force: true }));
  const session = useAppSession('farm-join');
  const settingsFile = () =>
    JSON.parse(readFileSync(join(session.dataDir, 'settings.json'), 'utf8')) as Record<string, unknown>;

  it('says this machine renders alone, and the server’s field errors land on their fields', async () => {
    const { page } = session.app;
    const panel = await openMachine(page);
    await panel.getByText('This machine renders on its own.').waitFor();
    await panel.getByLabel('Redis URL').fill('http://studio-redis:6379');
    await panel.getByLabel('Shared folder').fill(shared);
    await panel.getByRole('button', { name: 'Save farm' }).click();
    const url = panel.getByLabel('Redis URL');
    await expect.poll(() => url.getAttribute('aria-invalid'), { timeout: 10_000 }).toBe('true');
    await panel.getByText(/redis:\/\/ or rediss:\/\//).waitFor();

    // Half a pair: the URL alone.
    await url.fill('redis://:pw@studio-redis:6379/0');
    await panel.getByLabel('Shared folder').fill('');
    await panel.getByRole('button', { name: 'Save farm' }).click();
    await panel.getByText('A farm needs its shared folder too').waitFor();
    expect(await url.getAttribute('aria-invalid')).toBe('false');
    expect(await panel.getByLabel('Shared folder').getAttribute('aria-invalid')).toBe('true');

    await panel.getByLabel('Shared folder').fill(join(shared, 'not-mounted'));
    await panel.getByRole('button', { name: 'Save farm' }).click();
    await panel.getByText(/does not exist on this machine/).waitFor();
    await shootBothWidths(page, 'farm-join-errors');
    // Nothing was saved: the engine never wrote a settings file.
    expect(existsSync(join(session.dataDir, 'settings.json'))).toBe(false);
  });

  it('saves the pair for the next start; the password is masked from then on, also after a reload', async () => {
    const { page } = session.app;
    const panel = page.getByRole('region', { name: 'Render farm' });
    await panel.getByLabel('Redis URL').fill(`redis://:${SECRET}@studio-redis:6379/0`);
    await panel.getByLabel('Shared folder').fill(shared);
    await panel.getByRole('button', { name: 'Save farm' }).click();
    await page
      .getByText('Saved. Aura Studio joins the farm at redis://:***@studio-redis:6379/0 the next time')
      .waitFor();
    expect(await panel.getByLabel('Redis URL').inputValue()).toBe('redis://:***@studio-redis:6379/0');
    expect(settingsFile()).toMatchObject({
      farmRedisUrl: `redis://:${SECRET}@studio-redis:6379/0`,
      farmSharedDir: shared,
    });
    await panel.getByText('Applied the next time Aura Studio starts').waitFor();
    // This engine still renders alone: the farm is joined at the next start.
    await panel.getByText('This machine renders on its own until it joins the farm saved below').waitFor();

    await page.reload();
    const again = page.getByRole('region', { name: 'Render farm' });
    await expect
      .poll(() => again.getByLabel('Redis URL').inputValue(), { timeout: 10_000 })
      .toBe('redis://:***@studio-redis:6379/0');
    expect(await page.content()).not.toContain(SECRET);

    // Saving again with *** keeps the saved password.
    await again.getByRole('button', { name: 'Save farm' }).click();
    await page.getByText(/Saved\. Aura Studio joins the farm/).waitFor();
    expect(settingsFile().farmRedisUrl).toBe(`redis://:${SECRET}@studio-redis:6379/0`);
    await shootBothWidths(page, 'farm-join-saved');
  });

  it('"Leave the farm" puts both back to null', async () => {
    const { page } = session.app;
    const panel = page.getByRole('region', { name: 'Render farm' });
    await panel.getByRole('button', { name: 'Leave the farm' }).click();
    await page.getByText('Saved. Aura Studio leaves the farm the next time it starts.').waitFor();
    expect(await panel.getByLabel('Redis URL').inputValue()).toBe('');
    expect(await panel.getByLabel('Shared folder').inputValue()).toBe('');
    expect(settingsFile()).toMatchObject({ farmRedisUrl: null, farmSharedDir: null });
    expect(await panel.getByRole('button', { name: 'Leave the farm' }).count()).toBe(0);
    await panel.getByText('This machine renders on its own. To share the render queue').waitFor();
  });
});

describe('the Machine view on a farm', () => {
  let redis: TestRedis;
  let shared: string;
  let dataDir: string;
  let server: AuraServer;
  let worker: AuraWorker;
  let browser: Browser;
  let app: AppPage;
  beforeAll(async () => {
    redis = await startRedis({ password: SECRET, appendfsync: 'always' });
    shared = mkdtempSync(join(tmpdir(), 'aura-e2e-farm-shared-'));
    dataDir = mkdtempSync(join(tmpdir(), 'aura-e2e-farm-coord-'));
    // A dead worker's job moves on quickly, and the farm's tuning reaches the worker through Redis.
    writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ farmLockSeconds: 2, farmStalledCheckSeconds: 1 }));
    const farm = `redis://:${SECRET}@127.0.0.1:${redis.port}`;
    server = await startAura({
      dataDir,
      token: newToken(),
      args: ['--farm', farm, '--shared-dir', shared, '--no-render'],
    });
    [worker, browser] = await Promise.all([
      startAuraWorker({ farm, sharedDir: shared, name: 'render-e2e' }),
      launchChromium(),
    ]);
    app = await openApp(browser, server.pageUrl);
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await worker?.stop();
    await server?.stop();
    await redis?.stop();
    for (const dir of [shared, dataDir]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('names the farm (password masked) and lists its worker live, with the job it renders', async () => {
    const { page } = app;
    const panel = await openMachine(page);
    await panel.getByText(`redis://:***@127.0.0.1:${redis.port}`).waitFor();
    await panel.getByText('Connected to the farm.').waitFor();
    await panel.getByText('This machine serves the queue and does not render.').waitFor();
    const workers = page.getByRole('region', { name: 'Workers' });
    await workers
      .locator('[data-worker="render-e2e"]')
      .getByText(/slots busy/)
      .waitFor();
    expect(await page.content()).not.toContain(SECRET);

    // A job the worker takes: the list names it, linked to its detail, while it renders.
    const answer = await callApi(server, 'POST', '/api/render', {
      title: 'Farm render',
      script: SLOW_SCRIPT,
      voice: { engine: 'none' },
      output: { preset: 'youtube-720p', quality: 'high' },
    });
    expect(answer.status).toBe(201);
    const jobId = (answer.json as { jobId: string }).jobId;
    await waitUntil(
      'the worker to take the job',
      async () => {
        const listed = (await callApi(server, 'GET', '/api/workers')).json as Array<{ running: string[] }>;
        return listed.some((w) => w.running.includes(jobId));
      },
      30_000,
    );
    await page
      .locator('header')
      .getByRole('link', { name: /^Queue/ })
      .click();
    await openMachine(page);
    await workers
      .locator('[data-worker="render-e2e"]')
      .getByRole('link', { name: 'Farm render' })
      .waitFor({ timeout: 4_000 });
    await shootBothWidths(page, 'farm-connected');
    expect((await callApi(server, 'POST', `/api/jobs/${jobId}/cancel`)).status).toBe(202);
    await page
      .locator('header')
      .getByRole('link', { name: /^Queue/ })
      .click();
    await waitForStatus(jobRow(page, 'Farm render'), 'Canceled', 30_000);
    await openMachine(page);
  });

  it('says plainly when the farm’s Redis is gone, and recovers by itself when it is back', async () => {
    const { page } = app;
    const banner = page.locator('[data-farm]');
    await redis.kill9();
    await expect.poll(() => banner.getAttribute('data-farm'), { timeout: 20_000 }).toBe('down');
    await banner.getByText('The render farm cannot be reached').waitFor();
    expect(await banner.textContent()).toContain(`redis://:***@127.0.0.1:${redis.port}`);
    const panel = page.getByRole('region', { name: 'Render farm' });
    await panel.getByRole('alert').getByText('The farm’s Redis cannot be reached.').waitFor();
    await page.getByTestId('workers-farm-down').waitFor();
    // Nothing on the page claims to act while the farm cannot hear it.
    expect(await panel.getByRole('button', { name: 'Save farm' }).isDisabled()).toBe(true);
    await shootBothWidths(page, 'farm-unreachable');

    await redis.restart();
    await expect.poll(() => banner.getAttribute('data-farm'), { timeout: 30_000 }).not.toBe('down');
    await panel.getByText('Connected to the farm.').waitFor({ timeout: 20_000 });
    await page
      .getByRole('region', { name: 'Workers' })
      .locator('[data-worker="render-e2e"]')
      .waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('workers-farm-down').count()).toBe(0);

    // And the farm works again: a new job renders to the end.
    await renderViaApi(server, 'After the outage');
    await page
      .locator('header.header, header')
      .first()
      .getByRole('link', { name: /^Queue/ })
      .click();
    await waitForStatus(jobRow(page, 'After the outage'), 'Completed', 60_000);
    expect(app.problems).toEqual([]);
  });
});
