import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { EngineApi } from '../../engine/engine-api.js';
import type { EventHub } from '../event-hub.js';
import type { SseRegistry } from '../sse-registry.js';

/** The methods a route of the table can have; any other on a known path answers 405. */
export const ROUTE_METHODS = ['GET', 'POST', 'PUT', 'DELETE'] as const;
export type RouteMethod = (typeof ROUTE_METHODS)[number];

/** What every handler may use: the engine (only through its public API) and the event-stream plumbing. */
export interface RouteContext {
  engine: EngineApi;
  hub: EventHub;
  registry: SseRegistry;
  /** The OpenAPI document generated from this table. */
  openApiDocument(): unknown;
  /** The render farm this engine runs on, or null (this machine alone). */
  farm: FarmInfo | null;
}

/** The farm the host started on (`aura serve --farm`, or the desktop app's settings), as the API shows it. */
export interface FarmInfo {
  /** The Redis URL with its password masked. */
  url: string;
  sharedDir: string;
  /** Whether this process renders farm jobs too. */
  renders: boolean;
  /** Whether the farm's Redis is reachable right now. */
  reachable(): boolean;
}

/** One documented answer of a route. */
export interface ResponseDef {
  description: string;
  /** The JSON body; absent for an empty answer or a non-JSON one (see `contentType`). */
  schema?: z.ZodType;
  /** Media type of a non-JSON body: `text/event-stream`, `text/plain`, `*\/*` (a file). */
  contentType?: string;
  /** Response headers the answer carries (`Location`). */
  headers?: Record<string, string>;
}

/** A request header a route reads (documented as a parameter; its value is checked by the handler). */
export interface HeaderDef {
  name: string;
  description: string;
  pattern?: string;
}

/** What the table has already validated for the handler. */
export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
}

type AnyObject = z.ZodObject<z.ZodRawShape>;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

/**
 * One route, declared once: the server registers it from this and the OpenAPI document is
 * generated from it, so what is documented is what is enforced.
 */
export interface RouteDef<
  P extends AnyObject | undefined = AnyObject | undefined,
  Q extends AnyObject | undefined = AnyObject | undefined,
  B extends z.ZodType | undefined = z.ZodType | undefined,
> {
  method: RouteMethod;
  /** OpenAPI-style path: `/api/jobs/{id}`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  /** An older path kept for existing clients. */
  deprecated?: boolean;
  /** False only for the health probe. @default true */
  auth?: boolean;
  params?: P;
  /** Strict: any parameter it does not name (but `token`) is a 400. */
  query?: Q;
  /** The JSON body; routes without one accept none (or `{}`). */
  body?: B;
  headers?: HeaderDef[];
  /** An event stream: no automatic HEAD twin (it would hold a connection open with nothing to say). */
  stream?: boolean;
  /** Success answers, and the refusals specific to this route; common ones are added by the table. */
  responses: Record<number, ResponseDef>;
  handler(
    context: RouteContext,
    input: RouteInput<Out<P>, Out<Q>, Out<B>>,
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<unknown>;
}

/** Declares a route with its handler's input typed from its schemas. */
export function defineRoute<
  P extends AnyObject | undefined = undefined,
  Q extends AnyObject | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
>(route: RouteDef<P, Q, B>): RouteDef {
  return route as unknown as RouteDef;
}

/** The same route under an older path, kept as a documented, deprecated alias. */
export function aliasRoute(route: RouteDef, path: string, operationId: string): RouteDef {
  const canonical = `${route.method} ${route.path}`;
  return {
    ...route,
    path,
    operationId,
    deprecated: true,
    description: `Alias of \`${canonical}\`, kept for existing clients.`,
  };
}

/** `/api/jobs/{id}` → `/api/jobs/:id` (Fastify's syntax). */
export function fastifyPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ':$1');
}
