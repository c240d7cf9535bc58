/**
 * The queue's own order and state in Chromium against the real `aura serve`: the pause banner
 * live from `queue-status`, run order with "#N in queue", moving jobs by keyboard and by drag and
 * drop, the finish estimate, Render again, multi-select and "Clear finished".
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useAppSession } from './app-session.js';
import { callApi, jobRow, renderViaApi, rowOrder, screenshot, TINY_SCRIPT, waitForStatus } from './ui-page.js';
import { waitUntil } from './wait.js';

const session = useAppSession('order');

beforeAll(async () => {
  await session.app.page.getByRole('status').filter({ hasText: 'No renders yet' }).waitFor();
});

describe('queue order and the queue’s own state', () => {
  const ids: Record<string, string> = {};

  it('shows a pause made by another client in the Queue view at once, and pending jobs in run order', async () => {
    const { page } = session.app;
    expect((await callApi(session.server, 'POST', '/api/queue/pause')).status).toBeLessThan(300);
    const banner = page.getByTestId('queue-paused');
    await banner.getByText('Queue paused: running jobs finish, new ones wait.').waitFor({ timeout: 10_000 });
    for (const title of ['First', 'Second', 'Third']) ids[title] = await renderViaApi(session.server, title);
    await jobRow(page, 'Third').getByText('#3 in queue').waitFor();
    expect(await jobRow(page, 'First').getByText('#1 in queue').isVisible()).toBe(true);
    // Run order (oldest first), not newest first.
    expect(await rowOrder(page)).toEqual([ids.First, ids.Second, ids.Third]);
    expect(await page.getByTestId('queue-estimate').textContent()).toBe('Queue finish time: estimating…');
    await screenshot(page, 'queue-paused-run-order');
  });

  it('moves pending jobs with the keyboard (Move to top, Move down) and by drag and drop', async () => {
    const { page } = session.app;
    const third = jobRow(page, 'Third');
    await third.getByRole('button', { name: 'Move to top' }).focus();
    await page.keyboard.press('Enter');
    await third.getByText('#1 in queue').waitFor();
    expect(await rowOrder(page)).toEqual([ids.Third, ids.First, ids.Second]);
    await jobRow(page, 'First').getByRole('button', { name: 'Move down' }).press('Enter');
    await jobRow(page, 'First').getByText('#3 in queue').waitFor();
    expect(await rowOrder(page)).toEqual([ids.Third, ids.Second, ids.First]);
    // Dragged up onto Third: Second takes its place.
    await jobRow(page, 'Second').dragTo(jobRow(page, 'Third'));
    await jobRow(page, 'Second').getByText('#1 in queue').waitFor();
    expect(await rowOrder(page)).toEqual([ids.Second, ids.Third, ids.First]);
    // The server holds the same order.
    const run = await callApi(session.server, 'GET', '/api/queue?order=run&status=pending');
    expect((run.json as { jobs: Array<{ jobId: string }> }).jobs.map((j) => j.jobId)).toEqual([
      ids.Second,
      ids.Third,
      ids.First,
    ]);
  });

  it('resumes the queue from the banner; jobs run in the order the queue shows', async () => {
    const { page } = session.app;
    await page.getByTestId('queue-paused').getByRole('button', { name: 'Resume queue' }).click();
    await page.getByTestId('queue-paused').waitFor({ state: 'detached' });
    for (const title of ['Second', 'Third', 'First']) await waitForStatus(jobRow(page, title), 'Completed', 90_000);
    const jobs = await Promise.all(
      ['Second', 'Third', 'First'].map(
        async (t) => (await callApi(session.server, 'GET', `/api/jobs/${ids[t]}`)).json as { startedAt: string },
      ),
    );
    const starts = jobs.map((j) => Date.parse(j.startedAt));
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
  });

  it('estimates when the queue finishes once this machine has a measured speed', async () => {
    const { page } = session.app;
    await callApi(session.server, 'POST', '/api/queue/pause');
    await page.getByTestId('queue-paused').waitFor();
    ids.Fourth = await renderViaApi(session.server, 'Fourth');
    const estimate = page.getByTestId('queue-estimate');
    await estimate.getByText(/^The queue finishes at about \d{1,2}:\d{2}/).waitFor();
    await screenshot(page, 'queue-estimate');
  });

  it('renders a finished job again, and a pending one can be canceled from a multi-selection', async () => {
    const { page } = session.app;
    await jobRow(page, 'Third').getByRole('button', { name: 'Render again', exact: true }).click();
    await waitUntil('a second “Third” row', async () => (await jobRow(page, 'Third').count()) === 2);
    const again = jobRow(page, 'Third').filter({ hasText: 'in queue' });
    await again.getByText('#2 in queue').waitFor();
    // Tick Fourth, shift-tick the new Third: both pending rows selected, cancel them together.
    await jobRow(page, 'Fourth').getByRole('checkbox').click();
    await again.getByRole('checkbox').click({ modifiers: ['Shift'] });
    const cancel = page.getByRole('button', { name: 'Cancel selected (2)' });
    await cancel.click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Cancel 2 jobs?').waitFor();
    await dialog.getByRole('button', { name: 'Yes, cancel them' }).click();
    await waitForStatus(jobRow(page, 'Fourth'), 'Canceled', 15_000);
    await page.getByText('Canceled 2 jobs.').waitFor();
    expect(
      await page
        .getByRole('alert')
        .filter({ hasText: /Could not/ })
        .count(),
    ).toBe(0);
  });

  it('opens a finished job in the form with its spec ("Edit & render again"), and renders the edit', async () => {
    const { page } = session.app;
    await jobRow(page, 'Second').getByRole('button', { name: 'Edit & render again' }).click();
    await page.getByText('Loaded “Second”: change what you like and press Render.').waitFor();
    expect(await page.getByLabel('Title').inputValue()).toBe('Second');
    expect(await page.getByLabel('Script').inputValue()).toBe(TINY_SCRIPT);
    await page.getByLabel('Title').fill('Second, edited');
    await page.getByRole('button', { name: 'Render', exact: true }).click();
    const edited = jobRow(page, 'Second, edited');
    await edited.getByText(/#\d in queue/).waitFor();
    const id = await edited.getAttribute('data-job-id');
    const job = (await callApi(session.server, 'GET', `/api/jobs/${id}`)).json as { spec: { script: string } };
    expect(job.spec.script).toBe(TINY_SCRIPT);
    await edited.getByRole('button', { name: 'Cancel' }).click();
    await waitForStatus(edited, 'Canceled', 15_000);
  });

  it('clears completed and canceled jobs after one confirmation; a waiting job stays', async () => {
    const { page } = session.app;
    await renderViaApi(session.server, 'Waiting');
    await jobRow(page, 'Waiting').getByText('#1 in queue').waitFor();
    await page.getByRole('button', { name: 'Clear finished' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Clear 6 finished jobs?').waitFor();
    await dialog.getByRole('button', { name: 'Yes, clear them' }).click();
    await page.getByText('Cleared 6 finished jobs.').waitFor();
    await waitUntil('only the waiting row left', async () => (await page.locator('[data-job-id]').count()) === 1);
    expect(await jobRow(page, 'Waiting').isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Clear finished' }).isDisabled()).toBe(true);
    await screenshot(page, 'queue-cleared');
  });
});
