/**
 * A job's detail and the safety of the queue's questions, in Chromium against the real
 * `aura serve`: "Scene 3 of 8", elapsed and ETA, a paused step as "Paused", cancelling a paused
 * job says what is lost, a confirmation whose job finished closes itself, the tab title shows
 * progress, every artifact downloads under its own name, the spec shown read-only, an opt-in
 * browser notification, and the layout at 900 and 720 px.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useAppSession } from './app-session.js';
import {
  callApi,
  jobRow,
  renderViaApi,
  screenshot,
  SLOW,
  SLOW_SCRIPT,
  submitRender,
  waitForStatus,
} from './ui-page.js';

const session = useAppSession('detail');

beforeAll(async () => {
  await session.app.page.getByRole('status').filter({ hasText: 'No renders yet' }).waitFor();
});

describe('job detail and safe questions', () => {
  it('draws a vertical (9:16) video’s scene thumbnails in tall boxes, and names no machine on one machine', async () => {
    const { page } = session.app;
    const answer = await callApi(session.server, 'POST', '/api/render', {
      title: 'Vertical short',
      script: '# Up\nA tall video.\n\n# Down\nStill tall.',
      voice: { engine: 'none' },
      output: { width: 90, height: 160, fps: 10, quality: 'draft' },
    });
    expect(answer.status).toBe(201);
    const row = jobRow(page, 'Vertical short');
    await waitForStatus(row, 'Completed', 60_000);
    // The embedded engine has only this machine: the row and the detail say nothing about one.
    expect(await row.locator('.job-row__machine').count()).toBe(0);
    await row.getByRole('link', { name: 'Vertical short' }).click();
    const thumbs = page.getByRole('list', { name: 'Scene previews' });
    await thumbs.getByRole('img', { name: 'Scene 2' }).waitFor();
    expect(await page.getByTestId('detail-machine').count()).toBe(0);
    for (const width of [1280, 720]) {
      await page.setViewportSize({ width, height: 800 });
      const boxes = await thumbs.getByRole('listitem').evaluateAll((items) =>
        items.map((li) => {
          const r = li.getBoundingClientRect();
          const img = li.querySelector('img')!.getBoundingClientRect();
          return { ratio: r.width / r.height, imgRatio: img.width / img.height };
        }),
      );
      expect(boxes).toHaveLength(2);
      for (const box of boxes) {
        // 90:160 = 0.5625, give or take a pixel of border.
        expect(box.ratio).toBeGreaterThan(0.53);
        expect(box.ratio).toBeLessThan(0.6);
        expect(box.imgRatio).toBeLessThan(0.6);
      }
      await screenshot(page, `detail-vertical-${width}px`);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('link', { name: '← Queue' }).click();
  });

  it('shows scene progress, elapsed and ETA, a paused step as Paused, and says what cancelling a paused job throws away', async () => {
    const { page } = session.app;
    await submitRender(page, { title: 'Six scenes', script: SLOW_SCRIPT, ...SLOW });
    const row = jobRow(page, 'Six scenes');
    await row.getByText(/Scene \d of 6 done/).waitFor({ timeout: 60_000 });
    // The tab says how far the render is, for a creator looking at another tab.
    await page.waitForFunction(() => /^\d{1,3}% · Aura Studio$/.test(document.title));

    await row.getByRole('link', { name: 'Six scenes' }).click();
    const timing = page.getByTestId('detail-timing');
    await timing.getByText(/elapsed · (\d+:\d\d left|estimating…) · Scene \d of 6 done/).waitFor({ timeout: 30_000 });
    // The engine's diagnosis of the running job, in plain words.
    const diagnosis = page.getByRole('region', { name: 'Diagnosis' });
    await diagnosis.getByText(/checked/).waitFor();
    expect((await diagnosis.locator('strong').first().textContent())?.trim()).toMatch(/\w/);
    const header = page.locator('.detail__head');
    await header.getByRole('button', { name: 'Pause' }).click();
    await header.getByText('Paused', { exact: true }).waitFor({ timeout: 30_000 });
    const steps = page.getByRole('region', { name: 'Steps' });
    await steps.getByText('Paused', { exact: true }).waitFor();
    expect(await steps.getByText('Pending', { exact: true }).count()).toBeGreaterThan(0);
    // What produced the video, read-only.
    const spec = page.getByRole('region', { name: 'What was asked for' });
    expect(await spec.getByLabel('Script').textContent()).toBe(SLOW_SCRIPT);
    expect(await spec.getByText('1280×720, 30 fps').isVisible()).toBe(true);
    await screenshot(page, 'detail-paused');

    await header.getByRole('button', { name: 'Cancel' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(/^(About )?\d of 6 scenes (is|are) done and will be thrown away\./).waitFor();
    await screenshot(page, 'cancel-paused-asks');
    await dialog.getByRole('button', { name: 'Keep it' }).click();
    expect(await header.getByText('Paused', { exact: true }).isVisible()).toBe(true);
    await header.getByRole('button', { name: 'Cancel' }).click();
    await dialog.getByRole('button', { name: 'Yes, cancel it' }).click();
    await header.getByText('Canceled', { exact: true }).waitFor({ timeout: 15_000 });
    await page.getByRole('link', { name: '← Queue' }).click();
    await page.waitForFunction(() => document.title === 'Aura Studio');
  });

  it('closes a confirmation by itself when its job finishes first; never an error toast', async () => {
    const { page } = session.app;
    await submitRender(page, { title: 'Finishes first', script: SLOW_SCRIPT, size: '640x360' });
    const row = jobRow(page, 'Finishes first');
    await waitForStatus(row, 'Running', 30_000);
    await row.getByRole('button', { name: 'Cancel' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Cancel “Finishes first”?').waitFor();
    await screenshot(page, 'confirm-open');
    // Left open: the job completes meanwhile, and the question closes itself with a notice.
    await page.getByText('“Finishes first” ended before you confirmed: there is nothing to cancel.').waitFor({
      timeout: 60_000,
    });
    expect(await dialog.isVisible()).toBe(false);
    await waitForStatus(row, 'Completed', 60_000);
    expect(
      await page
        .getByRole('alert')
        .filter({ hasText: /Could not/ })
        .count(),
    ).toBe(0);
  });

  it('lists every file of a finished job, each downloading under its own name', async () => {
    const { page } = session.app;
    await renderViaApi(session.server, 'Downloads');
    const row = jobRow(page, 'Downloads');
    await waitForStatus(row, 'Completed', 60_000);
    await row.getByRole('link', { name: 'Downloads' }).click();
    const files = page.getByRole('region', { name: 'Files' });
    const links = files.getByRole('link', { name: /^Download / });
    await links.first().waitFor();
    const names = (await links.allTextContents()).length;
    expect(names).toBeGreaterThan(0);
    for (let i = 0; i < names; i++) {
      const link = links.nth(i);
      const expected = (await link.getAttribute('aria-label'))!.replace(/^Download /, '');
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      expect(download.suggestedFilename()).toBe(expected);
    }
    await screenshot(page, 'detail-files');
    await page.getByRole('link', { name: '← Queue' }).click();
  });

  it('notifies in the browser when a job ends, once the user opted in', async () => {
    const context = session.browser.contexts()[0]!;
    await context.grantPermissions(['notifications'], { origin: session.server.url });
    const { page } = session.app;
    // Record what the page shows through the real Notification API.
    await page.evaluate(() => {
      const shown: string[] = [];
      const Real = window.Notification;
      class Recording extends Real {
        constructor(title: string, options?: NotificationOptions) {
          super(title, options);
          shown.push(title);
        }
      }
      Object.defineProperty(window, 'Notification', { value: Recording, configurable: true });
      (window as unknown as { shown: string[] }).shown = shown;
    });
    await page.getByRole('button', { name: 'Notify me when a job ends' }).click();
    await page.getByRole('button', { name: 'Notifying when a job ends' }).waitFor();
    await renderViaApi(session.server, 'Tell me');
    await waitForStatus(jobRow(page, 'Tell me'), 'Completed', 60_000);
    await page.waitForFunction(() => (window as unknown as { shown: string[] }).shown.includes('“Tell me” is ready'));
  });

  it.each([900, 720])(
    'reflows at %i px: one scrollbar, titles keep half the row and show in full on focus',
    async (width) => {
      const { page } = session.app;
      const long = `A very long title for a video about the sky, the sea and everything between them (${width})`;
      await renderViaApi(session.server, long);
      await page.setViewportSize({ width, height: 700 });
      const row = jobRow(page, long);
      await waitForStatus(row, 'Completed', 60_000);
      const layout = await page.evaluate(() => {
        const doc = document.scrollingElement!;
        const scrolls = (el: Element) =>
          /(auto|scroll)/.test(getComputedStyle(el).overflowY) && el.scrollHeight > el.clientHeight + 1;
        const scrollers = [...document.querySelectorAll<HTMLElement>('*')].filter(scrolls);
        // A scrollbar inside another scrollbar is the thing to avoid.
        const nested = scrollers.filter((el) => scrollers.some((other) => other !== el && other.contains(el)));
        return {
          pageScrolls: doc.scrollHeight > doc.clientHeight + 1,
          pageOverflowsX: doc.scrollWidth > doc.clientWidth + 1,
          nested: nested.map((el) => el.className),
        };
      });
      expect(layout).toEqual({ pageScrolls: false, pageOverflowsX: false, nested: [] });
      const title = row.getByRole('link', { name: long });
      const [titleBox, rowBox] = await Promise.all([title.boundingBox(), row.boundingBox()]);
      expect(titleBox!.width).toBeGreaterThanOrEqual(rowBox!.width / 2 - 1);
      expect(await title.getAttribute('title')).toBe(long);
      await title.focus();
      const shown = await title.evaluate((el) => el.scrollWidth <= el.clientWidth + 1);
      expect(shown).toBe(true);
      await screenshot(page, `queue-${width}px`);
    },
  );
});
