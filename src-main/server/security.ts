import { createHash, timingSafeEqual } from 'node:crypto';

/** What the Host/Origin rule needs from a request. */
export interface RequestOriginInfo {
  /** The `Host` header, absent when the client sent none. */
  host: string | undefined;
  /** The `Origin` header, absent for same-origin navigations and non-browser clients. */
  origin: string | undefined;
  /** The port the server listens on. */
  port: number;
  /** Extra origins allowed besides the server's own (the Electron renderer's). */
  allowedOrigins?: readonly string[];
}

export type AllowDecision = { allowed: true } | { allowed: false; reason: string };

/** The origins a page served by this server has. */
export function ownOrigins(port: number): string[] {
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
}

/**
 * The DNS-rebinding and cross-site rule: `Host` must name this loopback server, and a request
 * carrying an `Origin` must come from the server's own pages or an explicitly allowed origin.
 */
export function isRequestAllowed(info: RequestOriginInfo): AllowDecision {
  const host = info.host?.trim().toLowerCase();
  if (!host) return { allowed: false, reason: 'Host header missing' };
  if (host !== `127.0.0.1:${info.port}` && host !== `localhost:${info.port}`) {
    return { allowed: false, reason: `Host "${info.host}" is not this server` };
  }
  if (info.origin === undefined) return { allowed: true };
  const origin = info.origin.trim();
  const lowered = origin.toLowerCase();
  if (ownOrigins(info.port).includes(lowered)) return { allowed: true };
  // Explicit origins compare exactly: "null" or file:// only pass when the host asked for them.
  if (info.allowedOrigins?.includes(origin)) return { allowed: true };
  return { allowed: false, reason: `Origin "${info.origin}" is not allowed` };
}

/** Constant-time token comparison: hashing first makes the lengths equal, so length leaks nothing either. */
export function tokenMatches(presented: string | undefined, expected: string): boolean {
  if (presented === undefined || presented.length === 0) return false;
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** The token from `Authorization: Bearer T`, else from `?token=T`; undefined when neither is there. */
export function presentedToken(authorization: string | undefined, queryToken: unknown): string | undefined {
  if (authorization !== undefined) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    return m ? m[1] : '';
  }
  if (typeof queryToken === 'string') return queryToken;
  return undefined;
}

/** Routes open without a token: the health probe and the renderer's static files (they hold no data). */
export function needsToken(path: string): boolean {
  if (path !== '/api' && !path.startsWith('/api/')) return false;
  return path !== '/api/health';
}
