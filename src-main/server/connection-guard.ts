import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/** How many connections the server holds, and how long a silent one may wait. */
export interface ConnectionLimits {
  /**
   * Connections held at once. Past it, the oldest connection that is idle and has never shown the
   * token is closed to make room, so a flood of silent sockets cannot starve the UI or the token
   * holder, and the process stays well under its open-file limit (1024 on many systems).
   * @default 256
   */
  maxConnections?: number;
  /** Time a client gets to send a request's headers; slow-loris sockets are cut after it. @default 10000 */
  headersTimeoutMs?: number;
  /** Time a client gets to send a whole request (an event stream's response is not counted). @default 30000 */
  requestTimeoutMs?: number;
  /** How long an idle keep-alive connection is kept between requests. @default 5000 */
  keepAliveTimeoutMs?: number;
}

export const DEFAULT_CONNECTION_LIMITS: Required<ConnectionLimits> = {
  maxConnections: 256,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
};

interface Tracked {
  /** Has made a request with the right token: never evicted for room. */
  trusted: boolean;
  /** Requests in flight on it (an event stream counts until it ends). */
  active: number;
}

/**
 * Keeps the server's connection count bounded. Every connection is tracked in arrival order;
 * when one too many arrives, the oldest idle untrusted one goes (a silent flood socket is idle
 * and untrusted), else the newcomer itself. Trusted and busy connections are never cut for room.
 */
export class ConnectionGuard {
  readonly #limits: Required<ConnectionLimits>;
  /** Insertion order = arrival order, so the first idle untrusted entry is the oldest. */
  readonly #sockets = new Map<Socket, Tracked>();
  #evicted = 0;

  constructor(server: Server, limits: ConnectionLimits = {}) {
    this.#limits = { ...DEFAULT_CONNECTION_LIMITS, ...limits };
    server.headersTimeout = this.#limits.headersTimeoutMs;
    server.requestTimeout = this.#limits.requestTimeoutMs;
    server.keepAliveTimeout = this.#limits.keepAliveTimeoutMs;
    server.on('connection', (socket: Socket) => this.#admit(socket));
    server.on('request', (request: { socket: Socket }, response: { once(e: 'close', f: () => void): void }) => {
      const tracked = this.#sockets.get(request.socket);
      if (!tracked) return;
      tracked.active += 1;
      response.once('close', () => {
        tracked.active -= 1;
      });
    });
  }

  /** Connections held now. */
  get size(): number {
    return this.#sockets.size;
  }

  /** Connections closed to make room since the server started. */
  get evictedCount(): number {
    return this.#evicted;
  }

  /** Marks the socket of a request that showed the right token: it is never cut to make room. */
  trust(socket: Socket): void {
    const tracked = this.#sockets.get(socket);
    if (tracked) tracked.trusted = true;
  }

  #admit(socket: Socket): void {
    this.#sockets.set(socket, { trusted: false, active: 0 });
    socket.once('close', () => this.#sockets.delete(socket));
    if (this.#sockets.size <= this.#limits.maxConnections) return;
    const victim = this.#oldestIdleUntrusted(socket) ?? socket;
    this.#evicted += 1;
    this.#sockets.delete(victim);
    victim.destroy();
  }

  #oldestIdleUntrusted(except: Socket): Socket | undefined {
    for (const [socket, tracked] of this.#sockets) {
      if (socket !== except && !tracked.trusted && tracked.active === 0) return socket;
    }
    return undefined;
  }
}
