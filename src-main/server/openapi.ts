import { z } from 'zod';
import { APP_VERSION, JOB_STATUSES } from '../../src-shared/constants.js';
import { EVENT_DATA_SCHEMAS } from '../../src-shared/events.js';
import {
  HealthSchema,
  JobActionResponseSchema,
  JobSchema,
  ProgressSchema,
  QueueResponseSchema,
  StorageStatsSchema,
  SweepResultSchema,
} from '../../src-shared/job.js';
import { ProblemSchema } from '../../src-shared/problem.js';
import { SettingsPatchSchema, SettingsSchema } from '../../src-shared/settings.js';
import { RenderSpecSchema } from '../../src-shared/spec.js';

type Json = Record<string, unknown>;

/** JSON Schema 2020-12 (OpenAPI 3.1's dialect) of a zod schema, as requests send or responses carry it. */
function schemaOf(schema: z.ZodType, io: 'input' | 'output'): Json {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Json;
  return rest;
}

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Json): Json => ({ 'application/json': { schema } });
const ok = (description: string, schema: Json): Json => ({ description, content: json(schema) });
const problem = (description: string): Json => ({
  description,
  content: { 'application/problem+json': { schema: ref('Problem') } },
});
const COMMON_ERRORS = { '401': problem('Missing or wrong token'), '403': problem('Host or Origin refused') };
const JOB_ERRORS = { ...COMMON_ERRORS, '400': problem('Bad job id'), '404': problem('No such job') };
const idParam = {
  name: 'id',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' },
};
const nameParam = { name: 'name', in: 'path', required: true, schema: { type: 'string' } };
const sse = (description: string): Json => ({
  description,
  content: { 'text/event-stream': { schema: { type: 'string' } } },
});
const lastEventIdParams = [
  { name: 'Last-Event-ID', in: 'header', required: false, schema: { type: 'string', pattern: '^\\d+-\\d+$' } },
  { name: 'lastEventId', in: 'query', required: false, schema: { type: 'string', pattern: '^\\d+-\\d+$' } },
];
const jobAction = (summary: string, conflict: string): Json => ({
  post: {
    summary,
    parameters: [idParam],
    responses: { '202': ok('Accepted', ref('JobActionResponse')), '409': problem(conflict), ...JOB_ERRORS },
  },
});

/** The OpenAPI 3.1 document of the loopback API, built from the same zod schemas the server validates with. */
export function buildOpenApiDocument(): Json {
  const schemas: Json = {
    RenderSpec: schemaOf(RenderSpecSchema, 'input'),
    Job: schemaOf(JobSchema, 'output'),
    QueueResponse: schemaOf(QueueResponseSchema, 'output'),
    Progress: schemaOf(ProgressSchema, 'output'),
    JobActionResponse: schemaOf(JobActionResponseSchema, 'output'),
    StorageStats: schemaOf(StorageStatsSchema, 'output'),
    SweepResult: schemaOf(SweepResultSchema, 'output'),
    Settings: schemaOf(SettingsSchema, 'output'),
    SettingsPatch: schemaOf(SettingsPatchSchema, 'input'),
    Health: schemaOf(HealthSchema, 'output'),
    Problem: schemaOf(ProblemSchema, 'output'),
  };
  for (const [type, schema] of Object.entries(EVENT_DATA_SCHEMAS))
    schemas[`Event_${type}`] = schemaOf(schema, 'output');

  return {
    openapi: '3.1.0',
    info: {
      title: 'Aura Studio loopback API',
      version: APP_VERSION,
      description:
        'Served on 127.0.0.1 only. Every /api route but /api/health needs the per-launch token from <data>/server.json. ' +
        "Event streams: frames `id: <unixMs>-<seq>`, `event: <type>`, `data: <JSON>`; each type's data schema is components.schemas.Event_<type>.",
    },
    servers: [{ url: 'http://127.0.0.1:{port}', variables: { port: { default: '0' } } }],
    security: [{ bearer: [] }, { queryToken: [] }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        queryToken: { type: 'apiKey', in: 'query', name: 'token' },
      },
      schemas,
    },
    paths: {
      '/api/health': { get: { summary: 'Liveness', security: [], responses: { '200': ok('Up', ref('Health')) } } },
      '/api/render': {
        post: {
          summary: 'Queue a render',
          requestBody: { required: true, content: json(ref('RenderSpec')) },
          responses: {
            '201': { ...ok('Created', ref('Job')), headers: { Location: { schema: { type: 'string' } } } },
            '400': problem('Invalid spec'),
            '413': problem('Body over 1 MiB'),
            '415': problem('Not JSON'),
            ...COMMON_ERRORS,
          },
        },
      },
      '/api/queue': {
        get: {
          summary: 'Jobs, newest first, with stats of every job',
          parameters: [
            { name: 'status', in: 'query', required: false, schema: { type: 'string', enum: [...JOB_STATUSES] } },
            {
              name: 'limit',
              in: 'query',
              required: false,
              schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
            },
          ],
          responses: { '200': ok('The queue', ref('QueueResponse')), '400': problem('Bad query'), ...COMMON_ERRORS },
        },
      },
      '/api/queue/pause': {
        post: { summary: 'Stop taking new jobs', responses: { '200': ok('Paused', queueState), ...COMMON_ERRORS } },
      },
      '/api/queue/resume': {
        post: { summary: 'Take new jobs again', responses: { '200': ok('Resumed', queueState), ...COMMON_ERRORS } },
      },
      '/api/jobs/{id}': {
        get: {
          summary: 'One job',
          parameters: [idParam],
          responses: { '200': ok('The job', ref('Job')), ...JOB_ERRORS },
        },
        delete: {
          summary: 'Delete an ended job and its files',
          parameters: [idParam],
          responses: { '204': { description: 'Deleted' }, '409': problem('Job still active'), ...JOB_ERRORS },
        },
      },
      '/api/render/{id}/progress': {
        get: {
          summary: 'Progress and ETA',
          parameters: [idParam],
          responses: { '200': ok('Progress', ref('Progress')), ...JOB_ERRORS },
        },
      },
      '/api/render/{id}/cancel': jobAction('Cancel a pending, running or paused job', 'Job already ended'),
      '/api/render/{id}/pause': jobAction('Pause a running job', 'Job not running'),
      '/api/render/{id}/resume': jobAction('Resume a paused or resumable failed job', 'Job not resumable'),
      '/api/jobs/{id}/events': {
        get: {
          summary: "One job's events: snapshot or exact replay after Last-Event-ID, then live",
          parameters: [idParam, ...lastEventIdParams],
          responses: {
            '200': sse('Event stream'),
            '204': { description: 'Ended, nothing more to send' },
            ...JOB_ERRORS,
          },
        },
      },
      '/api/events': {
        get: {
          summary: "Every job's events: queue-snapshot or replay, then live",
          parameters: lastEventIdParams,
          responses: { '200': sse('Event stream'), ...COMMON_ERRORS },
        },
      },
      '/api/jobs/{id}/artifacts/{name}': { get: fileOperation('An artifact (Range supported)', [idParam, nameParam]) },
      '/api/jobs/{id}/proxy/{name}': { get: fileOperation('A preview file (Range supported)', [idParam, nameParam]) },
      '/api/jobs/{id}/log': {
        get: {
          summary: "The job's log",
          parameters: [idParam],
          responses: {
            '200': { description: 'Log text', content: { 'text/plain': { schema: { type: 'string' } } } },
            ...JOB_ERRORS,
          },
        },
      },
      '/api/storage': {
        get: { summary: 'Disk use', responses: { '200': ok('Stats', ref('StorageStats')), ...COMMON_ERRORS } },
      },
      '/api/cleanup/sweep': {
        post: {
          summary: 'Sweep expired temp and proxy files now',
          responses: { '200': ok('Swept', ref('SweepResult')), ...COMMON_ERRORS },
        },
      },
      '/api/settings': {
        get: { summary: 'Settings', responses: { '200': ok('Settings', ref('Settings')), ...COMMON_ERRORS } },
        put: {
          summary: 'Change settings (any subset), applied at once',
          requestBody: { required: true, content: json(ref('SettingsPatch')) },
          responses: {
            '200': ok('New settings', ref('Settings')),
            '400': problem('Invalid settings'),
            ...COMMON_ERRORS,
          },
        },
      },
      '/api/openapi.json': {
        get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1' }, ...COMMON_ERRORS } },
      },
    },
  };
}

const queueState: Json = {
  type: 'object',
  properties: { queuePaused: { type: 'boolean' } },
  required: ['queuePaused'],
};

function fileOperation(summary: string, parameters: Json[]): Json {
  return {
    summary,
    parameters: [...parameters, { name: 'Range', in: 'header', required: false, schema: { type: 'string' } }],
    responses: {
      '200': { description: 'The file', content: { '*/*': { schema: { type: 'string', format: 'binary' } } } },
      '206': { description: 'Part of the file' },
      '416': problem('Range past the end'),
      ...JOB_ERRORS,
    },
  };
}
