import { z } from 'zod';
import { APP_VERSION } from '../../src-shared/constants.js';
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
import {
  DeleteManyResponseSchema,
  DiagnosisSchema,
  MoveRequestSchema,
  MoveResponseSchema,
  QueueStatusSchema,
  WorkersResponseSchema,
} from '../../src-shared/queue.js';
import { SettingsSchema } from '../../src-shared/settings.js';
import { RenderSpecSchema } from '../../src-shared/spec.js';
import type { RouteDef } from './route-table/route.js';
import { SettingsPatchOverHttpSchema } from './settings-guard.js';

type Json = Record<string, unknown>;

/** Schemas shown once under components.schemas and referenced by name. */
const COMPONENTS = new Map<z.ZodType, string>([
  [RenderSpecSchema, 'RenderSpec'],
  [JobSchema, 'Job'],
  [QueueResponseSchema, 'QueueResponse'],
  [ProgressSchema, 'Progress'],
  [JobActionResponseSchema, 'JobActionResponse'],
  [StorageStatsSchema, 'StorageStats'],
  [SweepResultSchema, 'SweepResult'],
  [SettingsSchema, 'Settings'],
  [SettingsPatchOverHttpSchema, 'SettingsPatch'],
  [HealthSchema, 'Health'],
  [QueueStatusSchema, 'QueueStatus'],
  [MoveRequestSchema, 'MoveRequest'],
  [MoveResponseSchema, 'MoveResponse'],
  [DeleteManyResponseSchema, 'DeleteManyResponse'],
  [DiagnosisSchema, 'Diagnosis'],
  [WorkersResponseSchema, 'Workers'],
  [ProblemSchema, 'Problem'],
]);

/** Request bodies are described as clients send them (defaults optional); the rest as the server sends them. */
const INPUT_COMPONENTS = new Set<z.ZodType>([RenderSpecSchema, SettingsPatchOverHttpSchema, MoveRequestSchema]);

/** JSON Schema 2020-12 (OpenAPI 3.1's dialect) of a zod schema, as requests send or responses carry it. */
function schemaOf(schema: z.ZodType, io: 'input' | 'output'): Json {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Json;
  return rest;
}

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const refOrInline = (schema: z.ZodType, io: 'input' | 'output'): Json => {
  const name = COMPONENTS.get(schema);
  return name === undefined ? schemaOf(schema, io) : ref(name);
};
const problem = (description: string): Json => ({
  description,
  content: { 'application/problem+json': { schema: ref('Problem') } },
});

/** Refusals the table adds to a route from what it declares, so no route can forget one. */
function commonResponses(route: RouteDef): Record<number, Json> {
  // Any route refuses an unknown query parameter or a body it does not take.
  const answers: Record<number, Json> = {
    400: problem('A parameter or the body is not valid, or a query parameter is unknown'),
    403: problem('Host or Origin refused'),
  };
  if (route.auth !== false) {
    answers[401] = problem('Missing or wrong token');
    answers[503] = problem('The data folder is read-only (STORAGE_READ_ONLY) or the farm is unreachable');
  }
  if (route.params && 'id' in route.params.shape) answers[404] = problem('No such job');
  if (route.method !== 'GET') {
    answers[413] = problem('Body over 1 MiB');
    answers[415] = problem('A body that is not JSON');
    if (route.auth !== false) answers[507] = problem('The disk is full (DISK_FULL)');
  }
  return answers;
}

function responseObject(status: number, answer: RouteDef['responses'][number]): Json {
  // Every refusal is a problem+json, whatever the route.
  if (status >= 400) return problem(answer.description);
  const object: Json = { description: answer.description };
  if (answer.schema) object.content = { 'application/json': { schema: refOrInline(answer.schema, 'output') } };
  else if (answer.contentType) object.content = { [answer.contentType]: { schema: { type: 'string' } } };
  if (answer.headers) {
    object.headers = Object.fromEntries(
      Object.entries(answer.headers).map(([name, description]) => [name, { description, schema: { type: 'string' } }]),
    );
  }
  return object;
}

/** A zod object's fields as OpenAPI parameters; values are documented as the server reads them. */
function parametersOf(schema: z.ZodObject<z.ZodRawShape> | undefined, where: 'path' | 'query'): Json[] {
  if (!schema) return [];
  return Object.entries(schema.shape).map(([name, field]) => {
    const fieldSchema = schemaOf(field as z.ZodType, 'output');
    const parameter: Json = {
      name,
      in: where,
      required: where === 'path' || !(field as z.ZodType).safeParse(undefined).success,
      schema: fieldSchema,
    };
    // Lists travel comma-separated: `status=completed,canceled` (OpenAPI's form style, not exploded).
    if (fieldSchema.type === 'array') Object.assign(parameter, { style: 'form', explode: false });
    if (typeof fieldSchema.description === 'string') parameter.description = fieldSchema.description;
    return parameter;
  });
}

function operationOf(route: RouteDef): Json {
  const operation: Json = { operationId: route.operationId, summary: route.summary };
  if (route.description) operation.description = route.description;
  if (route.deprecated) operation.deprecated = true;
  if (route.auth === false) operation.security = [];
  const parameters = [
    ...parametersOf(route.params, 'path'),
    ...parametersOf(route.query, 'query'),
    ...(route.headers ?? []).map((header) => ({
      name: header.name,
      in: 'header',
      required: false,
      description: header.description,
      schema: header.pattern ? { type: 'string', pattern: header.pattern } : { type: 'string' },
    })),
  ];
  if (parameters.length > 0) operation.parameters = parameters;
  if (route.body) {
    operation.requestBody = {
      required: true,
      content: { 'application/json': { schema: refOrInline(route.body, 'input') } },
    };
  }
  const declared = Object.fromEntries(
    Object.entries(route.responses).map(([s, a]) => [s, responseObject(Number(s), a)]),
  );
  operation.responses = { ...commonResponses(route), ...declared };
  return operation;
}

/** The OpenAPI 3.1 document of the loopback API, generated from the route table the server runs. */
export function buildOpenApiDocument(routes: readonly RouteDef[]): Json {
  const schemas: Json = {};
  for (const [schema, name] of COMPONENTS)
    schemas[name] = schemaOf(schema, INPUT_COMPONENTS.has(schema) ? 'input' : 'output');
  for (const [type, schema] of Object.entries(EVENT_DATA_SCHEMAS))
    schemas[`Event_${type}`] = schemaOf(schema, 'output');

  const paths: Record<string, Json> = {};
  for (const route of routes) {
    const item = (paths[route.path] ??= {});
    item[route.method.toLowerCase()] = operationOf(route);
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'Aura Studio loopback API',
      version: APP_VERSION,
      description:
        'Served on 127.0.0.1 only. Every /api route but /api/health needs the per-launch token from <data>/server.json. ' +
        'Unknown query parameters are refused (400); a known path with another method answers 405 with `Allow`. ' +
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
    paths,
  };
}
