import type { FastifyInstance } from 'fastify';
import type { JobActionResponse } from '../../../src-shared/job.js';
import { RenderSpecSchema } from '../../../src-shared/spec.js';
import type { EngineApi } from '../../engine/engine-api.js';
import { HttpProblem } from '../problem.js';
import { assertNoBody, jobIdParam } from '../validate.js';

/** Job routes: create, read, progress, cancel, pause, resume, delete. */
export function registerJobRoutes(app: FastifyInstance, engine: EngineApi): void {
  app.post('/api/render', async (request, reply) => {
    if (request.body === undefined) {
      throw new HttpProblem('VALIDATION_FAILED', 'A render spec is required.', [{ path: '', message: 'required' }]);
    }
    const spec = RenderSpecSchema.parse(request.body);
    const job = await engine.create(spec);
    return reply.code(201).header('Location', `/api/jobs/${job.jobId}`).send(job);
  });

  app.get('/api/jobs/:id', async (request) => {
    const jobId = jobIdParam(request.params);
    const job = engine.get(jobId);
    if (!job) throw new HttpProblem('NOT_FOUND', `No job "${jobId}".`);
    return job;
  });

  app.get('/api/render/:id/progress', async (request) => {
    const jobId = jobIdParam(request.params);
    const progress = engine.progress(jobId);
    if (!progress) throw new HttpProblem('NOT_FOUND', `No job "${jobId}".`);
    return progress;
  });

  const actions = { cancel: engine.cancel, pause: engine.pause, resume: engine.resume } as const;
  for (const [action, run] of Object.entries(actions)) {
    app.post(`/api/render/:id/${action}`, async (request, reply) => {
      const jobId = jobIdParam(request.params);
      assertNoBody(request.body);
      const job = await run.call(engine, jobId);
      const answer: JobActionResponse = { jobId: job.jobId, status: job.status };
      return reply.code(202).send(answer);
    });
  }

  app.delete('/api/jobs/:id', async (request, reply) => {
    const jobId = jobIdParam(request.params);
    assertNoBody(request.body);
    await engine.delete(jobId);
    return reply.code(204).send();
  });
}
