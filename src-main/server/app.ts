import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { MAX_BODY_BYTES } from '../../src-shared/constants.js';
import type { EngineApi } from '../engine/engine-api.js';
import { clientErrorResponse } from './client-error.js';
import { ConnectionGuard, type ConnectionLimits } from './connection-guard.js';
import { EventHub, type GlobalFeed } from './event-hub.js';
import { HttpProblem, makeProblem, PROBLEM_CONTENT_TYPE, toProblem } from './problem.js';
import { buildOpenApiDocument } from './openapi.js';
import { registerRouteTable } from './route-table/register.js';
import type { FarmInfo } from './route-table/route.js';
import { ROUTES } from './routes/index.js';
import { isRequestAllowed, needsToken, presentedToken, tokenMatches } from './security.js';
import { SseRegistry } from './sse-registry.js';
import { registerStaticRoutes } from './static-routes.js';

/** How long in-flight requests get to finish when the server stops. */
const CLOSE_GRACE_MS = 200;

/** What the loopback server is built from. */
export interface ServerOptions {
  /** The only way the server reaches jobs and files. */
  engine: EngineApi;
  /** This launch's token. */
  token: string;
  /** Origins allowed besides the server's own (the Electron renderer's). */
  allowedOrigins?: readonly string[];
  /** The built renderer; a placeholder page is served when it holds no index.html. */
  rendererDir?: string;
  /** Event-stream tuning (tests and benchmarks shrink these). */
  sse?: {
    /** Unread bytes after which a slow client is dropped. @default 1 MiB */
    maxBufferedBytes?: number;
    /** Global events kept for replay. @default 4096 */
    replaySize?: number;
    /** The backend's own global event order (a render farm). */
    feed?: GlobalFeed;
  };
  /** Connection cap and timeouts (see ConnectionGuard). */
  connections?: ConnectionLimits;
  /** The render farm the engine runs on (GET /api/farm). @default none: this machine alone */
  farm?: FarmInfo;
}

/** A built, not yet listening, loopback server. */
export interface AuraServer {
  readonly app: FastifyInstance;
  readonly hub: EventHub;
  readonly streams: SseRegistry;
  readonly connections: ConnectionGuard;
  /** Listens on 127.0.0.1 (port 0 = a free one) and resolves to the bound port. */
  listen(port?: number): Promise<number>;
  /** Ends every event stream and stops the server; the engine is left to its owner. */
  close(): Promise<void>;
}

/** Builds the Fastify app serving API.md on top of an engine. */
export async function buildServer(options: ServerOptions): Promise<AuraServer> {
  const { engine } = options;
  let boundPort = 0;
  const app = Fastify({
    logger: false,
    bodyLimit: MAX_BODY_BYTES,
    // Our Host rule answers a missing Host with a problem+json 403 instead of Node's bare 400.
    // Timeouts are checked this often (Node's default, 30 s, would let a slow-loris socket linger).
    http: { requireHostHeader: false, connectionsCheckingInterval: 1000 },
    routerOptions: { maxParamLength: 1000 },
    clientErrorHandler: (error: NodeJS.ErrnoException, socket) => {
      if (error.code === 'ECONNRESET' || socket.destroyed) return;
      if (socket.writable) socket.write(clientErrorResponse(error.code));
      socket.destroy(error);
    },
  });
  const connections = new ConnectionGuard(app.server, options.connections);
  const hub = new EventHub(engine, { replaySize: options.sse?.replaySize, feed: options.sse?.feed });
  const streams = new SseRegistry({
    pingSeconds: () => engine.settings().ssePingSeconds,
    maxBufferedBytes: options.sse?.maxBufferedBytes,
  });

  app.addHook('onRequest', async (request) => {
    const decision = isRequestAllowed({
      host: request.headers.host,
      origin: request.headers.origin,
      port: request.socket.localPort ?? boundPort,
      allowedOrigins: options.allowedOrigins,
    });
    if (!decision.allowed) throw new HttpProblem('FORBIDDEN', decision.reason);
    if (!needsToken(routePath(request))) return;
    const presented = presentedToken(request.headers.authorization, (request.query as { token?: unknown }).token);
    if (!tokenMatches(presented, options.token)) {
      throw new HttpProblem('UNAUTHORIZED', presented ? 'The token is wrong.' : 'A token is required.', undefined, {
        headers: { 'WWW-Authenticate': 'Bearer' },
      });
    }
    connections.trust(request.raw.socket);
  });

  app.addHook('onSend', async (request, reply) => {
    reply.header('X-Content-Type-Options', 'nosniff').header('Referrer-Policy', 'no-referrer');
    if (request.url.startsWith('/api/') && !reply.hasHeader('Cache-Control')) reply.header('Cache-Control', 'no-store');
  });

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch (error) {
      done(new HttpProblem('VALIDATION_FAILED', `The body is not valid JSON: ${(error as Error).message}`), undefined);
    }
  });

  app.setErrorHandler((error, _request, reply) => {
    // A path inside the data folder, so a storage problem without a path of its own names that folder.
    const problem = toProblem(error, join(engine.dataDir, 'jobs'));
    // A full or read-only disk is the user's to fix and is answered as such; only a bug is logged.
    if (problem.code === 'INTERNAL') console.error('Request failed:', error);
    if (error instanceof HttpProblem && error.options.headers) reply.headers(error.options.headers);
    return reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(problem);
  });

  let openApi: unknown;
  registerRouteTable(app, ROUTES, {
    engine,
    hub,
    registry: streams,
    openApiDocument: () => (openApi ??= buildOpenApiDocument(ROUTES)),
    farm: options.farm ?? null,
  });
  const pageFallback = await registerStaticRoutes(app, options.rendererDir);

  app.setNotFoundHandler((request, reply) => {
    if (pageFallback(request, reply)) return reply;
    return reply
      .code(404)
      .type(PROBLEM_CONTENT_TYPE)
      .send(makeProblem('NOT_FOUND', `Nothing at ${request.method} ${request.url.split('?')[0]}.`));
  });

  return {
    app,
    hub,
    streams,
    connections,
    async listen(port = 0) {
      await app.listen({ host: '127.0.0.1', port });
      boundPort = (app.server.address() as AddressInfo).port;
      // Past listen, the server's 'error' can only be a failed accept (libuv drops most EMFILE
      // accepts itself, but reports some): that connection is lost, the server must not be.
      app.server.on('error', reportAcceptError);
      return boundPort;
    },
    async close() {
      streams.endAll();
      hub.close();
      const closing = app.close();
      // A socket with no request on it (a client's spare keep-alive connection) does not count as
      // idle to Node and would hold shutdown for seconds: after a short grace, cut what is left.
      const cut = setTimeout(() => app.server.closeAllConnections(), CLOSE_GRACE_MS);
      try {
        await closing;
      } finally {
        clearTimeout(cut);
      }
    },
  };
}

let lastAcceptErrorAt = 0;
/** Logs a failed accept at most once a second: a flood would otherwise flood the log too. */
function reportAcceptError(error: NodeJS.ErrnoException): void {
  const now = Date.now();
  if (now - lastAcceptErrorAt < 1000) return;
  lastAcceptErrorAt = now;
  console.error(`Could not accept a connection (${error.code ?? error.message}); the server goes on.`);
}

/**
 * The path the token rule looks at: the matched route's pattern, or the decoded URL for the
 * catch-all routes, so `/%61pi/...` cannot slip past a check on the raw text.
 */
function routePath(request: FastifyRequest): string {
  const pattern = request.routeOptions.url;
  if (pattern !== undefined && !pattern.includes('*')) return pattern;
  const raw = request.url.split('?')[0] ?? '/';
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
