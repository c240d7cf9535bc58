import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { REPO_ROOT } from './chromium.js';

export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-output', 'screenshots');

/** A page of the app with every console error and page error it produced. */
export interface AppPage {
  page: Page;
  /** Console errors and uncaught exceptions, including CSP violations. */
  problems: string[];
}

/** Opens the app at the URL `aura serve` printed, collecting errors as it goes. */
export async function openApp(
  browser: Browser,
  pageUrl: string,
  options: { colorScheme?: 'light' | 'dark' } = {},
): Promise<AppPage> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    colorScheme: options.colorScheme ?? 'light',
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    // A refused connection while the server restarts is expected; anything else is a problem.
    if (
      message.type() === 'error' &&
      !/ERR_CONNECTION_REFUSED|net::ERR_|Failed to load resource/.test(message.text())
    ) {
      problems.push(message.text());
    }
  });
  page.on('pageerror', (error) => problems.push(error.message));
  // Injected by the browser before the app's scripts (not subject to the page's CSP): records
  // every violation of the page's Content-Security-Policy, e.g. an eval or an inline script.
  await page.addInitScript(() => {
    const w = window as unknown as { cspViolations: string[] };
    w.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  await page.goto(pageUrl);
  return { page, problems };
}

/** The CSP violations the page has seen since it opened. */
export function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? ['(not recorded)']);
}

/** A job's row: the listitem named by its title. */
export function jobRow(page: Page, title: string): Locator {
  return page.getByRole('listitem', { name: title });
}

/** Waits until the row shows `status` as text. */
export async function waitForStatus(row: Locator, status: string, timeout = 60_000): Promise<void> {
  await row.getByText(status, { exact: true }).waitFor({ timeout });
}

/** The job id the row belongs to. */
export async function jobIdOf(row: Locator): Promise<string> {
  const id = await row.getAttribute('data-job-id');
  if (!id) throw new Error('The job row carries no data-job-id.');
  return id;
}

/** Fills the render form and presses Render. */
export async function submitRender(
  page: Page,
  spec: { title: string; script: string; size?: string; quality?: string; voice?: string },
): Promise<void> {
  await page.getByLabel('Title').fill(spec.title);
  await page.getByLabel('Script').fill(spec.script);
  await page.getByLabel('Output size').selectOption(spec.size ?? '160x90');
  await page.getByLabel('Quality').selectOption(spec.quality ?? 'draft');
  await page.getByLabel('Voice').selectOption(spec.voice ?? 'none');
  await page.getByRole('button', { name: 'Render', exact: true }).click();
}

/** Saves a screenshot under test-output/screenshots/. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}

/** A tiny two-scene script: renders in about a second at 160x90. */
export const TINY_SCRIPT = '# Hello\nA tiny test render.\n\n# Goodbye\nThat was quick.';

/** Six longer scenes at 1280x720 (the YouTube 720p preset) high quality: several seconds of work, time to act on a running job. */
export const SLOW_SCRIPT = Array.from(
  { length: 6 },
  (_, i) =>
    `# Scene ${i + 1}\nThe quick brown fox jumps over the lazy dog again and again while the sun sets slowly over the hills far away.`,
).join('\n\n');
export const SLOW = { size: 'youtube-720p', quality: 'high' } as const;

/** One API request as another local program would make it (token in the header); the parsed JSON answer. */
export async function callApi(
  server: { url: string; token: string },
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${server.token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as unknown) : null };
}

/** Queues a tiny silent 160x90 render through the API; its job id. */
export async function renderViaApi(
  server: { url: string; token: string },
  title: string,
  script = TINY_SCRIPT,
): Promise<string> {
  const answer = await callApi(server, 'POST', '/api/render', {
    title,
    script,
    voice: { engine: 'none' },
    output: { width: 160, height: 90, fps: 10, quality: 'draft' },
  });
  if (answer.status !== 201)
    throw new Error(`POST /api/render answered ${answer.status}: ${JSON.stringify(answer.json)}`);
  return (answer.json as { jobId: string }).jobId;
}

/** The job ids of the queue's rows, top to bottom, as the list shows them. */
export async function rowOrder(page: Page): Promise<string[]> {
  return page.locator('[data-job-id]').evaluateAll((rows) =>
    rows
      .map((r) => ({ id: r.getAttribute('data-job-id')!, y: r.getBoundingClientRect().top }))
      .sort((a, b) => a.y - b.y)
      .map((r) => r.id),
  );
}
