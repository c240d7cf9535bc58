import { QueueResponseSchema } from '../../../src-shared/job.js';
import { DeleteManyResponseSchema, QueueStatusSchema } from '../../../src-shared/queue.js';
import { defineRoute, type RouteDef } from '../route-table/route.js';
import { DeleteJobsQuerySchema, QueueQuerySchema } from '../validate.js';

const listQueue = defineRoute({
  method: 'GET',
  path: '/api/queue',
  operationId: 'listQueue',
  summary: 'Jobs, with stats of every job',
  description:
    '`order=newest` (default): newest first. `order=run`: running jobs, then pending ones in the order they will ' +
    'run (each with its `position`), then ended ones newest first.',
  query: QueueQuerySchema,
  responses: { 200: { description: 'The queue', schema: QueueResponseSchema } },
  handler: async ({ engine }, { query }) => ({
    jobs: engine.list({ limit: query.limit, order: query.order, ...(query.status ? { status: query.status } : {}) }),
    stats: engine.stats(),
    queuePaused: engine.queuePaused,
  }),
});

const pauseQueue = defineRoute({
  method: 'POST',
  path: '/api/queue/pause',
  operationId: 'pauseQueue',
  summary: 'Stop taking new jobs from the queue (running ones go on)',
  responses: { 200: { description: 'The queue, paused', schema: QueueStatusSchema } },
  handler: async ({ engine }) => {
    engine.pauseQueue();
    return engine.queueStatus();
  },
});

const resumeQueue = defineRoute({
  method: 'POST',
  path: '/api/queue/resume',
  operationId: 'resumeQueue',
  summary: 'Take new jobs from the queue again',
  responses: { 200: { description: 'The queue, taking jobs', schema: QueueStatusSchema } },
  handler: async ({ engine }) => {
    engine.resumeQueue();
    return engine.queueStatus();
  },
});

const deleteJobs = defineRoute({
  method: 'DELETE',
  path: '/api/jobs',
  operationId: 'deleteEndedJobs',
  summary: 'Delete every ended job of the given statuses ("Clear finished")',
  query: DeleteJobsQuerySchema,
  responses: { 200: { description: 'How many jobs were deleted', schema: DeleteManyResponseSchema } },
  handler: async ({ engine }, { query }) => ({ deleted: await engine.deleteMany(query.status) }),
});

/** The queue as a whole: list, intake pause/resume, bulk clean-up. */
export const queueRoutes: RouteDef[] = [listQueue, pauseQueue, resumeQueue, deleteJobs];
