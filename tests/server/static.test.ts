import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testSteps } from '../helpers/test-steps.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { startTestHost, type TestHost } from './harness.js';

describe('the renderer at /', () => {
  let t: TestHost;
  const renderer = makeTempDir('aura-renderer-');
  beforeAll(async () => {
    fs.writeFileSync(path.join(renderer.dir, 'index.html'), '<!doctype html><title>Aura UI</title>');
    fs.mkdirSync(path.join(renderer.dir, 'assets'));
    fs.writeFileSync(path.join(renderer.dir, 'assets', 'app.js'), 'console.log(1)');
    fs.writeFileSync(path.join(renderer.dir, '.env'), 'SECRET=1');
    t = await startTestHost({ steps: testSteps(), rendererDir: renderer.dir });
  });
  afterAll(async () => {
    await t.cleanup();
    renderer.cleanup();
  });

  it('serves the built files without a token', async () => {
    const page = await t.fetch(`/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Aura UI');
    const script = await t.fetch(`/assets/app.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers a browser navigation to a client-side path with the page; other misses are 404 problems', async () => {
    const nav = await t.fetch(`/queue/some-job`, { headers: { accept: 'text/html' } });
    expect(nav.status).toBe(200);
    expect(await nav.text()).toContain('Aura UI');
    const missing = await t.fetch(`/assets/missing.js`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('never serves dotfiles, and /api still needs the token', async () => {
    expect((await t.fetch(`/.env`)).status).not.toBe(200);
    expect((await t.fetch(`/api/queue`)).status).toBe(401);
  });
});
