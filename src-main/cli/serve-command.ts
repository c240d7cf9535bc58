/** `aura serve`: the engine and the loopback server in a terminal, until SIGINT/SIGTERM. */
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { resolveDataDir } from '../engine/data-dir.js';
import { EngineError } from '../engine/errors.js';
import type { StepsFactory } from '../engine/step.js';
import { startHost, type Host } from '../host.js';
import { checkFarmFlags, FARM_FLAG_OPTIONS, parseFarmFlags, type FarmFlags } from './farm-flags.js';
import { untilSignal } from './signals.js';

/** Parsed `aura serve` flags. */
export interface ServeArgs {
  dataDir: string | undefined;
  port: number;
  open: boolean;
  /** `--farm URL --shared-dir DIR`: run on a render farm. */
  farm?: FarmFlags;
  /** `--no-render`: with --farm, serve the API and UI without rendering here. */
  render: boolean;
}

/** Parses the flags; throws a plain Error with a usage hint on anything wrong. */
export function parseServeArgs(argv: string[]): ServeArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      open: { type: 'boolean', default: false },
      'no-open': { type: 'boolean', default: false },
      ...FARM_FLAG_OPTIONS,
      'no-render': { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const portText = values.port ?? '0';
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
  if (!(port >= 0 && port <= 65_535)) throw new Error(`--port must be a number from 0 to 65535, not "${portText}".`);
  const farm = parseFarmFlags(values);
  if (values['no-render'] && !farm)
    throw new Error('--no-render goes with --farm: without a farm this machine is the one that renders.');
  return {
    dataDir: values['data-dir'],
    port,
    open: values.open && !values['no-open'],
    ...(farm ? { farm } : {}),
    render: !values['no-render'],
  };
}

/** The line a user (or a script waiting for the server) looks for. */
export function readyLine(url: string, token: string): string {
  return `Aura Studio ready at ${url}/?token=${token}`;
}

/** Runs the server until a signal; resolves to the exit code. Errors are one plain line, no stack. */
export async function runServe(argv: string[], options: { steps?: StepsFactory } = {}): Promise<number> {
  let args: ServeArgs;
  try {
    args = parseServeArgs(argv);
  } catch (error) {
    console.error(`aura serve: ${(error as Error).message}`);
    return 2;
  }

  let host: Host;
  try {
    const token = tokenFromEnv(process.env.AURA_TOKEN);
    const farm = args.farm && checkFarmFlags(args.farm);
    host = await startHost({
      dataDir: resolveDataDir(args.dataDir),
      port: args.port,
      ...(token ? { token } : {}),
      ...(options.steps ? { steps: options.steps } : {}),
      ...(farm ? { farm: { url: farm.url, sharedDir: farm.sharedDir, render: args.render } } : {}),
    });
  } catch (error) {
    console.error(`aura serve: ${error instanceof Error ? error.message : String(error)}`);
    return isStorageRefusal(error) ? 2 : 1;
  }
  // Handlers go on before the ready line: a script may send SIGTERM the moment it reads it.
  const stopping = untilSignal();
  for (const warning of host.engine.warnings()) console.error(`aura serve: warning: ${warning.message}`);
  console.log(readyLine(host.url, host.token));
  if (args.open) openBrowser(`${host.url}/?token=${host.token}`);

  const signal = await stopping;
  console.log(`Received ${signal}; pausing running jobs and shutting down...`);
  try {
    await host.close();
  } catch (error) {
    console.error(`aura serve: shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  const left = leftBehind(host.engine.dataDir);
  if (left.length > 0)
    console.error(
      `aura serve: could not remove ${left.join(' and ')} from ${host.engine.dataDir} (the folder is not writable); they are harmless and the next start replaces them.`,
    );
  console.log('Stopped.');
  // Everything is closed; if a stray handle would keep the process up, do not hang the terminal.
  setTimeout(() => process.exit(process.exitCode ?? 0), 2000).unref();
  return 0;
}

/** A data folder the engine cannot write to (read-only, full): the user's to fix, not a crash. */
function isStorageRefusal(error: unknown): boolean {
  return error instanceof EngineError && (error.code === 'STORAGE_READ_ONLY' || error.code === 'DISK_FULL');
}

/** Files a clean shutdown removes that are still there (the folder became read-only while serving). */
function leftBehind(dataDir: string): string[] {
  return ['server.json', 'engine.lock'].filter((name) => existsSync(join(dataDir, name)));
}

/**
 * AURA_TOKEN pins the API token across restarts (a browser tab then reconnects by itself).
 * It must be as hard to guess as a generated one: 32+ URL-safe characters.
 */
export function tokenFromEnv(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^[A-Za-z0-9_-]{32,256}$/.test(value)) {
    throw new Error('AURA_TOKEN must be 32 to 256 characters of A-Z, a-z, 0-9, "_" or "-".');
  }
  return value;
}

/** Best effort: a missing opener only means the user copies the printed URL. */
function openBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '', url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // ignore: the URL is on screen
  }
}
