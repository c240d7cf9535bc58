/**
 * A real redis-server for farm tests: Debian's /usr/bin/redis-server on a free loopback port,
 * its files in a temp dir, AOF on (appendfsync everysec) and RDB snapshots off, so a kill -9 and
 * restart shows exactly what the AOF keeps. Stop it in afterAll.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const REDIS_BIN = process.env.AURA_REDIS_SERVER ?? '/usr/bin/redis-server';

/** A running (or killed, restartable) redis-server owned by a test. */
export interface TestRedis {
  readonly port: number;
  /** `redis://127.0.0.1:PORT` */
  readonly url: string;
  readonly dir: string;
  /** kill -9: nothing flushed beyond what the AOF already has. */
  kill9(): Promise<void>;
  /** Starts it again on the same port and dir (the AOF is replayed). */
  restart(): Promise<void>;
  /** Stops it and removes its dir. */
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (the OS picks; a tiny race with other processes is accepted). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once something accepts TCP connections on the port, or rejects after `timeoutMs`. */
function waitForPort(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (child.exitCode !== null) return reject(new Error(`redis-server exited with ${child.exitCode}`));
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`redis-server did not listen on ${port} within ${timeoutMs} ms`));
        else setTimeout(attempt, 25);
      });
    };
    attempt();
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts a redis-server with AOF on in a fresh temp dir. */
export async function startRedis(
  options: { appendfsync?: 'everysec' | 'always'; password?: string } = {},
): Promise<TestRedis> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aura-redis-'));
  const port = await freePort();
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--appendonly',
    'yes',
    '--appendfsync',
    options.appendfsync ?? 'everysec',
    '--save',
    '',
    '--protected-mode',
    'no',
    '--daemonize',
    'no',
    '--loglevel',
    'warning',
  ];
  if (options.password) args.push('--requirepass', options.password);
  let child: ChildProcess | undefined;
  const launch = async () => {
    child = spawn(REDIS_BIN, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    await waitForPort(port, child, 15_000);
  };
  await launch();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    dir,
    async kill9() {
      if (!child) return;
      child.kill('SIGKILL');
      await exited(child);
      child = undefined;
    },
    async restart() {
      if (child) throw new Error('redis-server is still running; kill9() it first');
      await launch();
    },
    async stop() {
      if (child) {
        child.kill('SIGTERM');
        await exited(child);
        child = undefined;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
