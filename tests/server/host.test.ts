import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHost, type Host, type ServerInfo } from '../../src-main/host.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { testSteps } from '../helpers/test-steps.js';

describe('startHost', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  const temp = () => {
    const t = makeTempDir('aura-host-');
    cleanups.push(t.cleanup);
    return t.dir;
  };
  const start = async (dataDir: string, port?: number): Promise<Host> => {
    const host = await startHost({
      dataDir,
      steps: testSteps(),
      rendererDir: '/nonexistent',
      ...(port ? { port } : {}),
    });
    cleanups.push(() => host.close());
    return host;
  };

  it('listens on 127.0.0.1 with a fresh token per launch and writes server.json (0600), removed on close', async () => {
    const dataDir = temp();
    const host = await start(dataDir);
    expect(host.url).toBe(`http://127.0.0.1:${host.port}`);
    expect(host.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const file = path.join(dataDir, 'server.json');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const info = JSON.parse(fs.readFileSync(file, 'utf8')) as ServerInfo;
    expect(info).toEqual({ url: host.url, port: host.port, token: host.token, pid: process.pid, version: '0.1.0' });
    await host.close();
    await host.close(); // idempotent
    expect(fs.existsSync(file)).toBe(false);
    await expect(fetch(`${host.url}/api/health`)).rejects.toThrow();

    const again = await start(dataDir);
    expect(again.token).not.toBe(host.token);
  });

  it('a second host on the same data folder is refused with the lock message', async () => {
    const dataDir = temp();
    await start(dataDir);
    await expect(start(dataDir)).rejects.toThrow(/data folder/i);
  });

  it('a busy port is a plain error, and the engine it opened is closed again (its lock released)', async () => {
    const first = await start(temp());
    const dataDir = temp();
    await expect(start(dataDir, first.port)).rejects.toThrow(`Port ${first.port} on 127.0.0.1 is already in use`);
    const ok = await start(dataDir);
    expect((await fetch(`${ok.url}/api/health`)).status).toBe(200);
    expect(fs.existsSync(path.join(dataDir, 'server.json'))).toBe(true);
  });
});
