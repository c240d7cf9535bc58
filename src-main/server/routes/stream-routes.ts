import { serveGlobalStream } from '../global-stream.js';
import { serveJobStream } from '../job-stream.js';
import { defineRoute, type RouteDef, type HeaderDef } from '../route-table/route.js';
import { requestedLastEventId } from '../stream-plan.js';
import { JobIdParamsSchema, StreamQuerySchema } from '../validate.js';

const LAST_EVENT_ID: HeaderDef = {
  name: 'Last-Event-ID',
  description: 'Resume after this event (EventSource sends it on reconnect)',
  pattern: '^\\d+-\\d+$',
};

const jobEvents = defineRoute({
  method: 'GET',
  path: '/api/jobs/{id}/events',
  operationId: 'streamJobEvents',
  summary: "One job's events: snapshot or exact replay after Last-Event-ID, then live",
  params: JobIdParamsSchema,
  query: StreamQuerySchema,
  headers: [LAST_EVENT_ID],
  stream: true,
  responses: {
    200: { description: 'Event stream', contentType: 'text/event-stream' },
    204: { description: 'Ended, nothing more to send' },
  },
  handler: async (context, { params, query }, request, reply) => {
    const lastEventId = requestedLastEventId(request.headers['last-event-id'], query.lastEventId);
    await serveJobStream(context, request, reply, params.id, lastEventId);
  },
});

const globalEvents = defineRoute({
  method: 'GET',
  path: '/api/events',
  operationId: 'streamEvents',
  summary: "Every job's events and the queue's status: queue-snapshot or replay, then live",
  query: StreamQuerySchema,
  headers: [LAST_EVENT_ID],
  stream: true,
  responses: { 200: { description: 'Event stream', contentType: 'text/event-stream' } },
  handler: async (context, { query }, request, reply) => {
    const lastEventId = requestedLastEventId(request.headers['last-event-id'], query.lastEventId);
    serveGlobalStream(context, request, reply, lastEventId);
  },
});

/** The two event streams: one job, and every job. */
export const streamRoutes: RouteDef[] = [jobEvents, globalEvents];
