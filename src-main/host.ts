/**
 * The host: the engine plus the loopback server, started by one function that both `aura serve`
 * and the Electron main call, so the two run exactly the same thing.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import writeFileAtomic from 'write-file-atomic';
import { APP_VERSION } from '../src-shared/constants.js';
import type { Settings } from '../src-shared/settings.js';
import { createEngine, type Engine } from './engine/engine.js';
import { createFarmEngine } from './farm/farm-engine.js';
import type { FarmKeys } from './farm/farm-keys.js';
import type { FarmUrl } from './farm/farm-url.js';
import type { StepsFactory } from './engine/step.js';
import { createPipelineSteps } from './pipeline/index.js';
import { checkSpecFiles } from './pipeline/media-file-check.js';
import { buildServer, type ServerOptions } from './server/app.js';

/** How to start a host. */
export interface HostOptions {
  /** Absolute data directory (see resolveDataDir). */
  dataDir: string;
  /** Port on 127.0.0.1. @default 0 (a free port) */
  port?: number;
  /** The jobs' steps. @default the render pipeline */
  steps?: StepsFactory;
  /** The built renderer. @default <package root>/dist/renderer */
  rendererDir?: string;
  /** Origins allowed besides the server's own (the Electron renderer's). */
  extraOrigins?: string[];
  /** Settings that win over settings.json for this run (tests, benchmarks). */
  settings?: Partial<Settings>;
  /** Event-stream tuning for tests and benchmarks. */
  sse?: ServerOptions['sse'];
  /** Connection cap and timeouts. @default see ConnectionGuard */
  connections?: ServerOptions['connections'];
  /**
   * A fixed API token instead of a fresh random one, so an open browser tab survives a restart
   * (`aura serve` takes it from AURA_TOKEN). @default 32 random bytes, base64url
   */
  token?: string;
  /** Run on a render farm instead of the embedded backend (`aura serve --farm`). */
  farm?: {
    url: FarmUrl;
    /** Absolute, checked shared folder. */
    sharedDir: string;
    /** Whether this process renders too. @default true */
    render?: boolean;
    /** Key prefix (several farms on one Redis: tests, benchmarks). @default `aura` */
    keys?: FarmKeys;
  };
}

/** A running engine + server. */
export interface Host {
  readonly engine: Engine;
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  readonly url: string;
  readonly port: number;
  /** This launch's API token. */
  readonly token: string;
  /** Open event streams and live hub listeners: what a leak check watches. */
  streamStats(): { openStreams: number; hubListeners: number; droppedClients: number };
  /** Ends the event streams, stops the server, closes the engine (running jobs pause) and removes server.json. */
  close(): Promise<void>;
}

/** What `<data>/server.json` holds while the server runs: how a local program finds it. */
export interface ServerInfo {
  url: string;
  port: number;
  token: string;
  pid: number;
  version: string;
}

/** Starts the engine on `dataDir` and the loopback server in front of it. */
export async function startHost(options: HostOptions): Promise<Host> {
  const common = {
    dataDir: options.dataDir,
    steps: options.steps ?? createPipelineSteps,
    ...(options.settings ? { settings: options.settings } : {}),
  };
  // Images and music are checked when a job is queued, not minutes later in preflight (on a farm too).
  const checked = { ...common, checkSpec: checkSpecFiles };
  const farmEngine = options.farm ? await createFarmEngine({ ...checked, ...options.farm }) : undefined;
  const engine = farmEngine ?? (await createEngine(checked));
  // On a farm the global stream is numbered by the farm's own order, so its ids hold on every coordinator.
  const sse = farmEngine ? { ...options.sse, feed: farmEngine.farm.globalFeed } : options.sse;
  const token = options.token ?? randomBytes(32).toString('base64url');
  let server: Awaited<ReturnType<typeof buildServer>> | undefined;
  try {
    server = await buildServer({
      engine,
      token,
      allowedOrigins: options.extraOrigins ?? [],
      rendererDir: options.rendererDir ?? defaultRendererDir(),
      ...(sse ? { sse } : {}),
      ...(options.connections ? { connections: options.connections } : {}),
      ...(farmEngine && options.farm
        ? {
            farm: {
              url: options.farm.url.display,
              sharedDir: options.farm.sharedDir,
              renders: options.farm.render ?? true,
              reachable: farmEngine.farm.up,
            },
          }
        : {}),
    });
    const port = await server.listen(options.port ?? 0);
    const url = `http://127.0.0.1:${port}`;
    const infoFile = join(engine.dataDir, 'server.json');
    const info: ServerInfo = { url, port, token, pid: process.pid, version: APP_VERSION };
    await writeFileAtomic(infoFile, `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600, fsync: true });
    return hostOf(engine, server, { url, port, token, infoFile });
  } catch (error) {
    await server?.close().catch(() => undefined);
    await engine.close();
    throw describeListenError(error, options.port);
  }
}

function hostOf(
  engine: Engine,
  server: Awaited<ReturnType<typeof buildServer>>,
  where: { url: string; port: number; token: string; infoFile: string },
): Host {
  let closing: Promise<void> | undefined;
  return {
    engine,
    url: where.url,
    port: where.port,
    token: where.token,
    streamStats: () => ({
      openStreams: server.streams.size,
      hubListeners: server.hub.listenerCount,
      droppedClients: server.streams.droppedCount,
    }),
    close() {
      closing ??= (async () => {
        try {
          await server.close();
        } finally {
          await engine.close();
          // A data folder that turned read-only keeps server.json; the CLI says so, and the next start replaces it.
          await rm(where.infoFile, { force: true }).catch(() => undefined);
        }
      })();
      return closing;
    },
  };
}

/** A busy port is a user mistake, not a crash: say so plainly. */
function describeListenError(error: unknown, port: number | undefined): unknown {
  if ((error as NodeJS.ErrnoException | null)?.code === 'EADDRINUSE') {
    return new Error(
      `Port ${port} on 127.0.0.1 is already in use; choose another with --port, or 0 for any free port.`,
    );
  }
  return error;
}

/** `<package root>/dist/renderer`: the Vite build, next to wherever this file runs from (src or dist). */
export function defaultRendererDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && isOurPackage(manifest)) return join(dir, 'dist', 'renderer');
    const parent = dirname(dir);
    if (parent === dir) return join(process.cwd(), 'dist', 'renderer');
    dir = parent;
  }
}

function isOurPackage(manifest: string): boolean {
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'aura-studio';
  } catch {
    return false;
  }
}
