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
  const args = ['worker', '--farm', options.farm, '--shared-dir', options.sharedDir, '--name', options.name];
  const { child, stop } = await startCli(args, process.env, (output) =>
    output.includes(`Aura worker ${options.name} ready`) ? true : null,
  );
  return { name: options.name, child, stop };
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
  const args = ['serve', '--data-dir', options.dataDir, '--port', String(options.port ?? 0), '--no-open'];
  const { child, ready, stop } = await startCli(
    [...args, ...(options.args ?? [])],
    { ...process.env, AURA_TOKEN: options.token },
    (output) => READY.exec(output),
  );
  const url = ready[1]!;
  return {
    url,
    port: Number(ready[2]),
    token: ready[3]!,
    dataDir: options.dataDir,
    child,
    pageUrl: `${url}/?token=${ready[3]}`,
    stop,
  };
}

/**
 * Runs the built CLI with `args` until `isReady` finds its ready line in what it printed, and
 * hands back the process, what `isReady` found, and its stop: SIGTERM, wait, SIGKILL after 20 s.
 */
async function startCli<T>(
  args: string[],
  env: NodeJS.ProcessEnv,
  isReady: (output: string) => T | null,
): Promise<{ child: ChildProcess; ready: T; stop(): Promise<void> }> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first.`);
  const name = `aura ${args[0]}`;
  const child = spawn(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not get ready in 20 s:\n${output}`)), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const found = isReady(output);
      if (found !== null) {
        clearTimeout(timer);
        resolve(found);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code}) before it was ready:\n${output}`));
    });
  });
  return {
    child,
    ready,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
