import type { FastifyReply } from 'fastify';
import { JobActionResponseSchema, JobSchema, ProgressSchema, type Job } from '../../../src-shared/job.js';
import { DiagnosisSchema, MoveRequestSchema, MoveResponseSchema } from '../../../src-shared/queue.js';
import { RenderSpecSchema } from '../../../src-shared/spec.js';
import { HttpProblem } from '../problem.js';
import { aliasRoute, defineRoute, type RouteDef } from '../route-table/route.js';
import { JobIdParamsSchema } from '../validate.js';

const created = {
  description: 'Created: a new pending job',
  schema: JobSchema,
  headers: { Location: 'The new job: /api/jobs/{id}' },
};

function answerCreated(reply: FastifyReply, job: Job): FastifyReply {
  return reply.code(201).header('Location', `/api/jobs/${job.jobId}`).send(job);
}

function mustGet<T>(value: T | undefined, jobId: string): T {
  if (value === undefined) throw new HttpProblem('NOT_FOUND', `No job "${jobId}".`);
  return value;
}

const createJob = defineRoute({
  method: 'POST',
  path: '/api/jobs',
  operationId: 'createJob',
  summary: 'Queue a render',
  description: 'Images and music named by the spec are checked now: an unreadable file is a 400 naming its field.',
  body: RenderSpecSchema,
  responses: { 201: created },
  handler: async ({ engine }, { body }, _request, reply) => answerCreated(reply, await engine.create(body)),
});

const getJob = defineRoute({
  method: 'GET',
  path: '/api/jobs/{id}',
  operationId: 'getJob',
  summary: 'One job',
  params: JobIdParamsSchema,
  responses: { 200: { description: 'The job', schema: JobSchema } },
  handler: async ({ engine }, { params }) => mustGet(engine.get(params.id), params.id),
});

const deleteJob = defineRoute({
  method: 'DELETE',
  path: '/api/jobs/{id}',
  operationId: 'deleteJob',
  summary: 'Delete an ended job and its files',
  params: JobIdParamsSchema,
  responses: { 204: { description: 'Deleted' }, 409: { description: 'JOB_ACTIVE: the job has not ended' } },
  handler: async ({ engine }, { params }, _request, reply) => {
    await engine.delete(params.id);
    return reply.code(204).send();
  },
});

const progress = defineRoute({
  method: 'GET',
  path: '/api/jobs/{id}/progress',
  operationId: 'getJobProgress',
  summary: 'Progress and ETA',
  params: JobIdParamsSchema,
  responses: { 200: { description: 'Progress', schema: ProgressSchema } },
  handler: async ({ engine }, { params }) => mustGet(engine.progress(params.id), params.id),
});

/** cancel, pause, resume: 202 with the new status, 409 when the job's state forbids it. */
function jobAction(action: 'cancel' | 'pause' | 'resume', summary: string, conflict: string): RouteDef {
  return defineRoute({
    method: 'POST',
    path: `/api/jobs/{id}/${action}`,
    operationId: `${action}Job`,
    summary,
    params: JobIdParamsSchema,
    responses: {
      202: { description: 'Accepted: the new status', schema: JobActionResponseSchema },
      409: { description: conflict },
    },
    handler: async ({ engine }, { params }, _request, reply) => {
      const job = await engine[action](params.id);
      return reply.code(202).send({ jobId: job.jobId, status: job.status });
    },
  });
}

const cancel = jobAction('cancel', 'Cancel a pending, running or paused job', 'JOB_NOT_CANCELABLE: already ended');
const pause = jobAction('pause', 'Pause a running job (checkpoints kept)', 'JOB_NOT_PAUSABLE: not running');
const resume = jobAction(
  'resume',
  'Resume a paused or resumable failed job',
  'JOB_NOT_RESUMABLE: not paused, or failed without checkpoints',
);

const duplicate = defineRoute({
  method: 'POST',
  path: '/api/jobs/{id}/duplicate',
  operationId: 'duplicateJob',
  summary: 'Render again: a new pending job with the same spec',
  params: JobIdParamsSchema,
  responses: { 201: created },
  handler: async ({ engine }, { params }, _request, reply) => answerCreated(reply, await engine.duplicate(params.id)),
});

const move = defineRoute({
  method: 'POST',
  path: '/api/jobs/{id}/move',
  operationId: 'moveJob',
  summary: 'Move a pending job in the run order (the order survives a restart)',
  params: JobIdParamsSchema,
  body: MoveRequestSchema,
  responses: {
    200: { description: "The job's new place among pending jobs", schema: MoveResponseSchema },
    409: { description: 'JOB_NOT_PENDING: the job (or the one named by before/after) is not pending' },
  },
  handler: async ({ engine }, { params, body }) => engine.move(params.id, body),
});

const diagnosis = defineRoute({
  method: 'GET',
  path: '/api/jobs/{id}/diagnosis',
  operationId: 'diagnoseJob',
  summary: 'Why a job is stalled, or that it is healthy',
  params: JobIdParamsSchema,
  responses: { 200: { description: 'The diagnosis', schema: DiagnosisSchema } },
  handler: async ({ engine }, { params }) => {
    mustGet(engine.get(params.id), params.id);
    return engine.diagnose(params.id);
  },
});

/** Job routes, with the older `/api/render...` paths as aliases. */
export const jobRoutes: RouteDef[] = [
  createJob,
  aliasRoute(createJob, '/api/render', 'createJobViaRender'),
  getJob,
  deleteJob,
  progress,
  aliasRoute(progress, '/api/render/{id}/progress', 'getJobProgressViaRender'),
  ...[cancel, pause, resume].flatMap((route) => [
    route,
    aliasRoute(route, route.path.replace('/api/jobs/', '/api/render/'), `${route.operationId}ViaRender`),
  ]),
  duplicate,
  move,
  diagnosis,
];
