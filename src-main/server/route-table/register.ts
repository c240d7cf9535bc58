import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { FieldError } from '../../../src-shared/problem.js';
import { fieldErrors } from '../../../src-shared/problem.js';
import { HttpProblem } from '../problem.js';
import { fastifyPath, type RouteContext, type RouteDef } from './route.js';

/** Methods a client may try on a known path; those the path lacks answer 405 with `Allow`. */
const PROBED_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/** The query parameter every authenticated route accepts (EventSource and `<video>` cannot send headers). */
const TOKEN_PARAM = 'token';

/** Registers every route of the table, and a 405 for each known path's other methods. */
export function registerRouteTable(app: FastifyInstance, routes: readonly RouteDef[], context: RouteContext): void {
  for (const route of routes) {
    app.route({
      method: route.method,
      url: fastifyPath(route.path),
      exposeHeadRoute: route.method === 'GET' && !route.stream,
      handler: async (request, reply) => {
        // The parts are parsed by the very schemas the handler's input type is inferred from.
        const input = {
          params: parsePart(route.params, request.params ?? {}, 'The path is not valid.'),
          query: parseQuery(route, request.query),
          body: parseBody(route, request.body),
        } as Parameters<RouteDef['handler']>[1];
        return route.handler(context, input, request, reply);
      },
    });
  }
  for (const [path, allowed] of allowedMethods(routes)) {
    const others = PROBED_METHODS.filter((method) => !allowed.includes(method));
    const allow = allowed.join(', ');
    app.route({
      method: others,
      url: fastifyPath(path),
      handler: async (request) => {
        throw new HttpProblem(
          'METHOD_NOT_ALLOWED',
          `${path} does not take ${request.method}; it takes ${allow}.`,
          undefined,
          {
            headers: { Allow: allow },
          },
        );
      },
    });
  }
}

/** Every path's allowed methods, as the 405 answers list them. */
export function allowedMethods(routes: readonly RouteDef[]): Map<string, string[]> {
  const byPath = new Map<string, string[]>();
  for (const route of routes) {
    const list = byPath.get(route.path) ?? [];
    list.push(route.method, ...(route.method === 'GET' && !route.stream ? ['HEAD'] : []));
    byPath.set(route.path, list);
  }
  return byPath;
}

function parsePart(schema: z.ZodType | undefined, value: unknown, detail: string): unknown {
  if (schema === undefined) return undefined;
  const result = schema.safeParse(value);
  if (!result.success) throw new HttpProblem('VALIDATION_FAILED', detail, fieldErrors(result.error.issues));
  return result.data;
}

/** Unknown parameters are refused by name, so a typo (`?limt=5`) never silently means "no limit". */
function parseQuery(route: RouteDef, raw: unknown): unknown {
  const query = { ...(raw as Record<string, unknown> | undefined) };
  if (route.auth !== false) delete query[TOKEN_PARAM];
  const known = route.query ? Object.keys(route.query.shape) : [];
  const unknown: FieldError[] = Object.keys(query)
    .filter((name) => !known.includes(name))
    .map((name) => ({ path: name, message: 'is not a parameter of this route' }));
  if (unknown.length > 0) throw new HttpProblem('VALIDATION_FAILED', 'The query has unknown parameters.', unknown);
  return parsePart(route.query, query, 'The query is not valid.');
}

function parseBody(route: RouteDef, body: unknown): unknown {
  if (route.body === undefined) {
    // Some clients always send `{}` (or a JSON content type with nothing) on a POST.
    const empty =
      body === undefined ||
      body === null ||
      (typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length === 0);
    if (empty) return undefined;
    throw new HttpProblem('VALIDATION_FAILED', 'This route takes no request body.', [
      { path: '', message: 'must be empty' },
    ]);
  }
  if (body === undefined) {
    throw new HttpProblem('VALIDATION_FAILED', 'A JSON request body is required.', [{ path: '', message: 'required' }]);
  }
  return parsePart(route.body, body, 'The request body is not valid.');
}
