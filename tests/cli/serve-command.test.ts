import { execa, type ResultPromise } from 'execa';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseServeArgs, readyLine } from '../../src-main/cli/serve-command.js';
import type { ServerInfo } from '../../src-main/host.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { canMountTmpfs, mountTmpfs } from '../helpers/tmpfs.js';
import { waitUntil } from '../helpers/wait.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const READY = /^Aura Studio ready at (http:\/\/127\.0\.0\.1:(\d+))\/\?token=([A-Za-z0-9_-]+)$/m;

/** `aura serve` as a real child process, through tsx like `npm run serve` runs the built one. */
function serve(dataDir: string, ...extra: string[]): ResultPromise<{ reject: false; cwd: string; all: true }> {
  return execa(
    'node',
    ['--import', 'tsx', 'src-main/cli/aura.ts', 'serve', '--data-dir', dataDir, '--port', '0', ...extra],
    {
      cwd: ROOT,
      reject: false,
      all: true,
    },
  );
}

/** Resolves with the ready line's URL and token once the child prints it. */
function ready(child: ReturnType<typeof serve>): Promise<{ url: string; port: number; token: string }> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no ready line within 20 s: ${out}`)), 20_000);
    child.all.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = READY.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1]!, port: Number(m[2]), token: m[3]! });
      }
    });
    void child.then((result) => reject(new Error(`exited early (${result.exitCode}): ${out}`)));
  });
}

describe('parseServeArgs / readyLine', () => {
  it.each([
    [[], { dataDir: undefined, port: 0, open: false, render: true }],
    [['--data-dir', '/d', '--port', '8080'], { dataDir: '/d', port: 8080, open: false, render: true }],
    [['--no-open'], { dataDir: undefined, port: 0, open: false, render: true }],
    [['--open'], { dataDir: undefined, port: 0, open: true, render: true }],
  ])('%j → %j', (argv, expected) => {
    expect(parseServeArgs(argv)).toEqual(expected);
  });

  it.each([[['--port', 'x']], [['--port', '70000']], [['--bogus']], [['extra']]])('%j is refused', (argv) => {
    expect(() => parseServeArgs(argv)).toThrow();
  });

  it('prints the ready line API.md names', () => {
    expect(readyLine('http://127.0.0.1:5', 'abc')).toBe('Aura Studio ready at http://127.0.0.1:5/?token=abc');
  });
});

describe('aura serve (child process)', () => {
  const cleanups: Array<() => void | Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('serves, writes server.json (0600), refuses a second server, pauses work and cleans up on SIGTERM', async () => {
    const temp = makeTempDir('aura-serve-');
    cleanups.push(temp.cleanup);
    const child = serve(temp.dir);
    cleanups.push(() => {
      child.kill('SIGKILL');
    });
    const { url, port, token } = await ready(child);

    const infoFile = path.join(temp.dir, 'server.json');
    expect(fs.statSync(infoFile).mode & 0o777).toBe(0o600);
    const info = JSON.parse(fs.readFileSync(infoFile, 'utf8')) as ServerInfo;
    expect(info).toEqual({ url, port, token, pid: child.pid, version: '0.1.0' });

    expect((await fetch(`${url}/api/health`)).status).toBe(200);
    expect((await fetch(`${url}/api/queue`)).status).toBe(401);
    expect((await fetch(`${url}/api/queue`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);

    // A second server on the same data folder: the engine's lock message, exit 1, no stack trace.
    const second = await serve(temp.dir);
    expect(second.exitCode).toBe(1);
    expect(second.all).toMatch(/data folder/i);
    expect(second.all).not.toMatch(/^\s+at /m);

    // A real (tiny) render, running when the signal comes.
    const spec = {
      title: 'Interrupted',
      scenes: Array.from({ length: 12 }, (_, i) => ({ heading: `Scene ${i}`, durationSec: 3 })),
      voice: { engine: 'none' },
      output: { width: 160, height: 90, fps: 10, quality: 'draft' },
    };
    const created = await fetch(`${url}/api/render`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(spec),
    });
    expect(created.status).toBe(201);
    const { jobId } = (await created.json()) as { jobId: string };
    const statusOf = async () =>
      (
        (await (await fetch(`${url}/api/jobs/${jobId}`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
          status: string;
        }
      ).status;
    await waitUntil('the job to start', async () => (await statusOf()) !== 'pending', 20_000);

    child.kill('SIGTERM');
    const result = await child;
    expect(result.exitCode).toBe(0);
    expect(result.all).not.toMatch(/^\s+at /m);
    expect(fs.existsSync(infoFile)).toBe(false);
    const record = JSON.parse(fs.readFileSync(path.join(temp.dir, 'jobs', jobId, 'job.json'), 'utf8')) as {
      status: string;
    };
    expect(['paused', 'completed']).toContain(record.status);
    // No ffmpeg (or anything else) left working on this data folder.
    const { stdout } = await execa('ps', ['-eo', 'args']);
    expect(stdout.split('\n').filter((line) => line.includes(temp.dir))).toEqual([]);

    // The next start picks the paused job up again and finishes it.
    const again = serve(temp.dir);
    cleanups.push(() => {
      again.kill('SIGKILL');
    });
    const next = await ready(again);
    const auth = { authorization: `Bearer ${next.token}` };
    await waitUntil(
      'the resumed job to complete',
      async () =>
        ((await (await fetch(`${next.url}/api/jobs/${jobId}`, { headers: auth })).json()) as { status: string })
          .status === 'completed',
      60_000,
    );
    const artifact = await fetch(`${next.url}/api/jobs/${jobId}/artifacts/interrupted.mp4`, {
      headers: { ...auth, range: 'bytes=0-7' },
    });
    expect(artifact.status).toBe(206);
    expect(
      Buffer.from(await artifact.arrayBuffer())
        .subarray(4, 8)
        .toString('latin1'),
    ).toBe('ftyp');
    again.kill('SIGINT');
    expect((await again).exitCode).toBe(0);
  });
});

describe('aura serve on a data folder it cannot write (child process)', () => {
  const cleanups: Array<() => void | Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  const mounted = () => {
    const disk = mountTmpfs(4);
    cleanups.push(() => disk.cleanup());
    return disk;
  };

  it.skipIf(!canMountTmpfs)('refuses to start on a read-only folder with one plain sentence, exit 2', async () => {
    const disk = mounted();
    disk.remount('ro');
    const result = await serve(disk.dir);
    expect(result.exitCode).toBe(2);
    expect(result.all!.trim()).toBe(
      `aura serve: Aura Studio cannot write to ${disk.dir}: the folder is read-only (or not writable by this user); make it writable, or choose another data folder.`,
    );
  });

  it.skipIf(!canMountTmpfs)(
    'exits 0 on SIGTERM after the folder turned read-only, saying what it could not remove',
    async () => {
      const disk = mounted();
      const child = serve(disk.dir);
      cleanups.push(() => {
        child.kill('SIGKILL');
      });
      await ready(child);
      disk.remount('ro');
      cleanups.push(() => disk.remount('rw'));
      child.kill('SIGTERM');
      const result = await child;
      expect(result.all).not.toMatch(/^\s+at /m);
      expect({ code: result.exitCode, signal: result.signal, out: result.all }).toMatchObject({ code: 0 });
      expect(result.all).toContain(
        `aura serve: could not remove server.json and engine.lock from ${disk.dir} (the folder is not writable); they are harmless and the next start replaces them.`,
      );
      expect(result.all).not.toMatch(/^\s+at /m);
    },
  );

  it('prints one line naming a corrupt settings.json at start-up', async () => {
    const temp = makeTempDir('aura-serve-');
    cleanups.push(temp.cleanup);
    fs.writeFileSync(path.join(temp.dir, 'settings.json'), '{"concurrency": 2,');
    const child = serve(temp.dir);
    cleanups.push(() => {
      child.kill('SIGKILL');
    });
    await ready(child);
    child.kill('SIGTERM');
    const result = await child;
    const lines = result.all!.split('\n').filter((l) => l.includes('settings.json'));
    expect(lines).toEqual([
      expect.stringMatching(
        /^aura serve: warning: .*settings\.json is not valid JSON; Aura Studio uses default settings/,
      ),
    ]);
  });
});
