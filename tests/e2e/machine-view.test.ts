/**
 * The Machine view in Chromium against the real `aura serve`: a corrupt settings.json is
 * reported there (GET /api/health `warnings`), and the machines that render are listed
 * (GET /api/workers).
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useAppSession } from './app-session.js';
import { screenshot } from './ui-page.js';

const session = useAppSession('machine', (dir) => {
  // A settings file broken by hand: the engine starts on defaults and must say so.
  writeFileSync(join(dir, 'settings.json'), '{"concurrency": 2,, oops');
});

describe('the Machine view', () => {
  it('says the settings file is damaged; saving keeps the damaged file aside', async () => {
    const { page } = session.app;
    await page.getByRole('link', { name: 'Machine' }).click();
    const panel = page.getByRole('region', { name: 'Needs your attention' });
    await panel.getByText('Settings file damaged').waitFor();
    expect(await panel.locator('[data-code="SETTINGS_CORRUPT"]').count()).toBe(1);
    await screenshot(page, 'machine-settings-corrupt');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.').waitFor();
    expect(readdirSync(session.dataDir).some((f) => f.startsWith('settings.json.corrupt-'))).toBe(true);
  });

  it('lists the workers: on one machine, this machine alone with its slots', async () => {
    const { page } = session.app;
    const workers = page.getByRole('region', { name: 'Workers' });
    // The embedded engine answers GET /api/workers with this machine alone (docs/api.md).
    const row = workers.getByRole('listitem');
    await row.getByText(/slots busy/).waitFor();
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toMatch(/pid \d+/);
  });
});
