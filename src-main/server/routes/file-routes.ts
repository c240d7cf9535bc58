import { stat } from 'node:fs/promises';
import type { EngineApi } from '../../engine/engine-api.js';
import { contentTypeFor, sendFile } from '../file-response.js';
import { HttpProblem } from '../problem.js';
import { defineRoute, type RouteDef } from '../route-table/route.js';
import { FileQuerySchema, JobFileParamsSchema, JobIdParamsSchema } from '../validate.js';

const RANGE_HEADER = { name: 'Range', description: 'One byte range (`bytes=0-1023`); answered with 206' };

function mustExist(engine: EngineApi, jobId: string): void {
  if (!engine.get(jobId)) throw new HttpProblem('NOT_FOUND', `No job "${jobId}".`);
}

/** A job's artifact or proxy file, seekable with Range. */
function fileRoute(segment: 'artifacts' | 'proxy', operationId: string, summary: string): RouteDef {
  return defineRoute({
    method: 'GET',
    path: `/api/jobs/{id}/${segment}/{name}`,
    operationId,
    summary,
    params: JobFileParamsSchema,
    query: FileQuerySchema,
    headers: [RANGE_HEADER],
    responses: {
      200: { description: 'The file', contentType: '*/*' },
      206: { description: 'Part of the file', contentType: '*/*' },
      416: { description: 'Range past the end' },
    },
    handler: async ({ engine }, { params }, request, reply) => {
      mustExist(engine, params.id);
      const path =
        segment === 'artifacts'
          ? engine.artifactPath(params.id, params.name)
          : engine.proxyPath(params.id, params.name);
      if (path === undefined) throw new HttpProblem('NOT_FOUND', `Job "${params.id}" has no file "${params.name}".`);
      return sendFile(reply, path, { rangeHeader: request.headers.range, contentType: contentTypeFor(params.name) });
    },
  });
}

const log = defineRoute({
  method: 'GET',
  path: '/api/jobs/{id}/log',
  operationId: 'getJobLog',
  summary: "The job's log",
  params: JobIdParamsSchema,
  query: FileQuerySchema,
  headers: [RANGE_HEADER],
  responses: {
    200: { description: 'Log text', contentType: 'text/plain' },
    206: { description: 'Part of the log', contentType: 'text/plain' },
    416: { description: 'Range past the end' },
  },
  handler: async ({ engine }, { params }, request, reply) => {
    mustExist(engine, params.id);
    const path = engine.logPath(params.id);
    const exists = path !== undefined && (await stat(path).catch(() => undefined))?.isFile() === true;
    // A job that has not logged anything yet has an empty log, not a missing one.
    if (!exists) return reply.type('text/plain; charset=utf-8').header('Cache-Control', 'no-store').send('');
    return sendFile(reply, path, { rangeHeader: request.headers.range, contentType: 'text/plain; charset=utf-8' });
  },
});

/** A job's files: artifacts (seekable), proxies (thumbnails, previews) and its log. */
export const fileRoutes: RouteDef[] = [
  fileRoute('artifacts', 'getArtifact', 'An artifact (Range supported)'),
  fileRoute('proxy', 'getProxyFile', 'A preview file: scene thumbnails (Range supported)'),
  log,
];
