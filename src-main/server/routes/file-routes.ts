import { stat } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import type { EngineApi } from '../../engine/engine-api.js';
import { contentTypeFor, sendFile } from '../file-response.js';
import { HttpProblem } from '../problem.js';
import { fileNameParam, jobIdParam } from '../validate.js';

/** A job's files: artifacts (seekable), proxies (thumbnails, previews) and its log. */
export function registerFileRoutes(app: FastifyInstance, engine: EngineApi): void {
  const kinds = [
    { segment: 'artifacts', resolve: engine.artifactPath },
    { segment: 'proxy', resolve: engine.proxyPath },
  ] as const;
  for (const { segment, resolve } of kinds) {
    app.get(`/api/jobs/:id/${segment}/:name`, async (request, reply) => {
      const jobId = jobIdParam(request.params);
      const name = fileNameParam(request.params);
      if (!engine.get(jobId)) throw new HttpProblem('NOT_FOUND', `No job "${jobId}".`);
      const path = resolve.call(engine, jobId, name);
      if (path === undefined) throw new HttpProblem('NOT_FOUND', `Job "${jobId}" has no file "${name}".`);
      return sendFile(reply, path, { rangeHeader: request.headers.range, contentType: contentTypeFor(name) });
    });
  }

  app.get('/api/jobs/:id/log', async (request, reply) => {
    const jobId = jobIdParam(request.params);
    if (!engine.get(jobId)) throw new HttpProblem('NOT_FOUND', `No job "${jobId}".`);
    const path = engine.logPath(jobId);
    const exists = path !== undefined && (await stat(path).catch(() => undefined))?.isFile() === true;
    // A job that has not logged anything yet has an empty log, not a missing one.
    if (!exists) return reply.type('text/plain; charset=utf-8').header('Cache-Control', 'no-store').send('');
    return sendFile(reply, path, { rangeHeader: request.headers.range, contentType: 'text/plain; charset=utf-8' });
  });
}
