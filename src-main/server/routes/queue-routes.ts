import type { FastifyInstance } from 'fastify';
import type { QueueResponse } from '../../../src-shared/job.js';
import type { EngineApi } from '../../engine/engine-api.js';
import { assertNoBody, QueueQuerySchema } from '../validate.js';

/** The queue: list with stats, and pausing/resuming the intake of new jobs. */
export function registerQueueRoutes(app: FastifyInstance, engine: EngineApi): void {
  app.get('/api/queue', async (request) => {
    const query = QueueQuerySchema.parse(request.query ?? {});
    const answer: QueueResponse = {
      jobs: engine.list({ limit: query.limit, ...(query.status ? { status: query.status } : {}) }),
      stats: engine.stats(),
      queuePaused: engine.queuePaused,
    };
    return answer;
  });

  app.post('/api/queue/pause', async (request) => {
    assertNoBody(request.body);
    engine.pauseQueue();
    return { queuePaused: engine.queuePaused };
  });

  app.post('/api/queue/resume', async (request) => {
    assertNoBody(request.body);
    engine.resumeQueue();
    return { queuePaused: engine.queuePaused };
  });
}
