import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './chromium.js';

const CLI = join(REPO_ROOT, 'dist', 'node', 'src-main', 'cli', 'aura.js');
const READY = /Aura Studio ready at (http:\/\/127\.0\.0\.1:(\d+))\/\?token=(\S+)/;

/** A running `aura serve` child process. */
export interface AuraServer {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  readonly dataDir: string;
  readonly child: ChildProcess;
  /** The page URL with the token, as the ready line prints it. */
  readonly pageUrl: string;
  /** SIGTERM (graceful: running jobs pause), then wait for the exit; SIGKILL after 20 s. */
  stop(): Promise<void>;
}

/** A running `aura worker` child process (a farm machine with no HTTP server). */
export interface AuraWorker {
  readonly name: string;
  readonly child: ChildProcess;
  /** SIGTERM (its jobs go back to the farm's queue), then wait for the exit; SIGKILL after 20 s. */
  stop(): Promise<void>;
}

/** Starts `aura worker --farm URL --shared-dir DIR --name NAME` (built CLI) and resolves once it is ready. */
export async function startAuraWorker(options: { farm: string; sharedDir: string; name: string }): Promise<AuraWorker> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first.`);
  const child = spawn(
    process.execPath,
    [CLI, 'worker', '--farm', options.farm, '--shared-dir', options.sharedDir, '--name', options.name],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`aura worker did not get ready in 20 s:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(`Aura worker ${options.name} ready`)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`aura worker exited (${code}) before it was ready:\n${output}`));
    });
  });
  return {
    name: options.name,
    child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A token to pin across restarts (AURA_TOKEN), so an open page can reconnect by itself. */
export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * Starts `node dist/node/src-main/cli/aura.js serve --data-dir DIR --port N [ARGS]` (after
 * `npm run build`; `args` such as `--farm URL --shared-dir DIR`) and resolves once it prints its
 * ready line.
 */
export async function startAura(options: {
  dataDir: string;
  token: string;
  port?: number;
  args?: string[];
}): Promise<AuraServer> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first.`);
  const child = spawn(
    process.execPath,
    [
      CLI,
      'serve',
      '--data-dir',
      options.dataDir,
      '--port',
      String(options.port ?? 0),
      '--no-open',
      ...(options.args ?? []),
    ],
    { cwd: REPO_ROOT, env: { ...process.env, AURA_TOKEN: options.token }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`aura serve did not get ready in 20 s:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = READY.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`aura serve exited (${code}) before it was ready:\n${output}`));
    });
  });
  const url = ready[1]!;
  return {
    url,
    port: Number(ready[2]),
    token: ready[3]!,
    dataDir: options.dataDir,
    child,
    pageUrl: `${url}/?token=${ready[3]}`,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
