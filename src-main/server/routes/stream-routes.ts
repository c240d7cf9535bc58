import type { FastifyInstance } from 'fastify';
import { serveGlobalStream } from '../global-stream.js';
import { serveJobStream, type StreamDeps } from '../job-stream.js';
import { requestedLastEventId } from '../stream-plan.js';
import { jobIdParam } from '../validate.js';

/** The two event streams: one job, and every job. */
export function registerStreamRoutes(app: FastifyInstance, deps: StreamDeps): void {
  const lastEventIdOf = (headers: Record<string, string | string[] | undefined>, query: unknown) =>
    requestedLastEventId(headers['last-event-id'], (query as { lastEventId?: unknown } | null)?.lastEventId);

  // No automatic HEAD twins: a HEAD on an event stream would hold a connection open with nothing to say.
  app.get('/api/jobs/:id/events', { exposeHeadRoute: false }, async (request, reply) => {
    const jobId = jobIdParam(request.params);
    await serveJobStream(deps, request, reply, jobId, lastEventIdOf(request.headers, request.query));
  });

  app.get('/api/events', { exposeHeadRoute: false }, async (request, reply) => {
    serveGlobalStream(deps, request, reply, lastEventIdOf(request.headers, request.query));
  });
}
