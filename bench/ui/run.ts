/**
 * bench:ui — in Chromium via Playwright against a real host (engine + loopback server + built
 * renderer): first meaningful paint of the queue with 10,000 jobs stored, and the longest
 * main-thread task while 20 jobs stream progress at 200 events/s (16 at a time: the engine's
 * concurrency limit, each at 12.5 Hz, the event rate of 20 jobs at 10 Hz).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Browser } from 'playwright-core';
import { startHost, type Host } from '../../src-main/host.js';
import { launchChromium, REPO_ROOT } from '../../tests/e2e/chromium.js';
import { quantile, report, round } from '../lib/stats.js';
import { benchSpec, benchSteps, STREAM_PREFIX, STREAM_TICK_MS } from './bench-steps.js';
import { longestRendererTask } from './trace-tasks.js';

const STORED = 10_000;
const STREAMING = 20;
/** The engine's maximum concurrency (SettingsSchema). */
const CONCURRENCY = 16;
const PAINT_RUNS = 9;

function ensureRendererBuilt(): void {
  if (fs.existsSync(path.join(REPO_ROOT, 'dist', 'renderer', 'index.html'))) return;
  console.log('Building the renderer first (npm run build:renderer)...');
  execFileSync('npm', ['run', 'build:renderer'], { cwd: REPO_ROOT, stdio: 'inherit' });
}

/**
 * 10,000 stored jobs, as months of use leave them: one real job made by the engine (instant
 * step), its folder copied with new ids, titles and creation times (as bench:engine seeds), so
 * seeding takes seconds instead of pushing 10,000 jobs through durable writes one by one.
 */
async function seedStoredJobs(dataDir: string, count: number): Promise<number> {
  const start = performance.now();
  const host = await startHost({ dataDir, steps: benchSteps });
  const job = await host.engine.create(benchSpec('Stored job 1'));
  await new Promise<void>((resolve) => {
    const stop = host.engine.subscribe((e) => {
      if (e.type === 'job-completed' && e.jobId === job.jobId) {
        stop();
        resolve();
      }
    });
  });
  await host.close();
  const jobs = path.join(dataDir, 'jobs');
  const record = JSON.parse(fs.readFileSync(path.join(jobs, job.jobId, 'job.json'), 'utf8')) as Record<string, unknown>;
  const events = fs.readFileSync(path.join(jobs, job.jobId, 'events.jsonl'), 'utf8');
  const base = Date.parse(String(record.createdAt)) - count * 60_000;
  for (let i = 2; i <= count; i++) {
    const jobId = `seed${String(i).padStart(6, '0')}`;
    fs.mkdirSync(path.join(jobs, jobId, 'artifacts'), { recursive: true });
    const createdAt = new Date(base + i * 60_000).toISOString();
    fs.writeFileSync(
      path.join(jobs, jobId, 'job.json'),
      JSON.stringify({ ...record, jobId, title: `Stored job ${i}`, createdAt }),
    );
    fs.writeFileSync(path.join(jobs, jobId, 'events.jsonl'), events.replaceAll(job.jobId, jobId));
  }
  return performance.now() - start;
}

/** Time from navigation start until the first job title is painted (Element Timing), per fresh load. */
async function firstPaint(browser: Browser, pageUrl: string): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(pageUrl);
  await page.getByRole('listitem').first().waitFor({ timeout: 30_000 });
  const paintedAt = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        new PerformanceObserver((list) => {
          const entry = list.getEntries()[0] as PerformanceEntry & { renderTime?: number; loadTime?: number };
          resolve(entry.renderTime || entry.loadTime || entry.startTime);
        }).observe({ type: 'element', buffered: true });
      }),
  );
  await context.close();
  return paintedAt;
}

/** The longest main-thread task while a fresh page loads the whole 10,000-job snapshot (traced). */
async function loadLongestTask(browser: Browser, pageUrl: string): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto('about:blank');
  await browser.startTracing(page, { categories: ['devtools.timeline', 'toplevel'] });
  await page.goto(pageUrl);
  await page.locator(`li[aria-setsize="${STORED}"]`).first().waitFor({ timeout: 30_000 });
  const trace = await browser.stopTracing();
  await context.close();
  return longestRendererTask(trace);
}

/** The most events inside any one-second window. */
function peakPerSecond(times: number[]): number {
  let peak = 0;
  for (let start = 0, end = 0; end < times.length; end++) {
    while (times[end]! - times[start]! > 1000) start++;
    peak = Math.max(peak, end - start + 1);
  }
  return peak;
}

/** Streams 20 jobs at 10 Hz into an open queue of 10,000 and returns the longest main-thread task. */
async function streamLoad(browser: Browser, host: Host, pageUrl: string) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(pageUrl);
  // Measure once the whole snapshot is in (rows then say they are 1 of 10,000), not while it loads.
  await page
    .locator(`[role="listitem"][aria-setsize="${STORED}"], li[aria-setsize="${STORED}"]`)
    .first()
    .waitFor({ timeout: 30_000 });
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.longTasks.push(entry.duration);
    }).observe({ type: 'longtask' });
  });
  await browser.startTracing(page, { categories: ['devtools.timeline', 'toplevel'] });
  const eventTimes: number[] = [];
  const stop = host.engine.subscribe((e) => {
    if (e.type === 'step-progress') eventTimes.push(performance.now());
  });
  const start = performance.now();
  const jobs = await Promise.all(
    Array.from({ length: STREAMING }, (_, i) => host.engine.create(benchSpec(`${STREAM_PREFIX} ${i + 1}`))),
  );
  // Done when the page counts every job completed (rows far down the list are not in the DOM).
  await page.waitForFunction(
    (total) => document.querySelector('[data-status="completed"] .filter__count')?.textContent === String(total),
    STORED + jobs.length,
    { timeout: 60_000, polling: 250 },
  );
  const seconds = (performance.now() - start) / 1000;
  stop();
  const trace = await browser.stopTracing();
  const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  await context.close();
  return {
    longestTaskMs: longestRendererTask(trace),
    longTasks,
    eventsPerSec: eventTimes.length / seconds,
    peakEventsPerSec: peakPerSecond(eventTimes),
  };
}

/** Progress of the bench itself, on stderr so stdout keeps only the report. */
function progress(line: string): void {
  process.stderr.write(`  … ${line}\n`);
}

ensureRendererBuilt();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aura-bench-ui-'));
const fillMs = await seedStoredJobs(dataDir, STORED);
progress(`seeded ${STORED} jobs in ${round(fillMs / 1000, 1)} s`);
const host = await startHost({ dataDir, steps: benchSteps, settings: { concurrency: CONCURRENCY } });
const pageUrl = `${host.url}/?token=${host.token}`;
let browser: Browser | undefined;
try {
  browser = await launchChromium();
  const paints: number[] = [];
  for (let run = 0; run < PAINT_RUNS; run++) {
    paints.push(await firstPaint(browser, pageUrl));
    progress(`first paint ${run + 1}: ${round(paints.at(-1)!, 1)} ms`);
  }
  const loadTaskMs = await loadLongestTask(browser, pageUrl);
  const load = await streamLoad(browser, host, pageUrl);
  report(
    `bench:ui — queue of ${STORED} jobs in Chromium; ${STREAMING} jobs streaming progress (${CONCURRENCY} at a time, ${round((CONCURRENCY * 1000) / STREAM_TICK_MS)} events/s)`,
    {
      firstPaint10kMs: round(quantile(paints, 0.5), 1),
      longestTaskMs: round(load.longestTaskMs, 1),
    },
    [
      `first paint per load (ms): ${paints.map((p) => round(p, 1)).join(', ')} (median reported)`,
      `longest main-thread task while a page loads the 10,000-job snapshot: ${round(loadTaskMs, 1)} ms`,
      `long tasks > 50 ms while streaming: ${load.longTasks.length}${load.longTasks.length ? ` (${load.longTasks.map((t) => round(t, 1)).join(', ')} ms)` : ''}`,
      `progress events from the engine: peak ${load.peakEventsPerSec}/s, ${round(load.eventsPerSec, 1)}/s on average over the run`,
      `seeded ${STORED} stored jobs in ${round(fillMs / 1000, 1)} s`,
    ],
  );
} finally {
  await browser?.close();
  await host.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
