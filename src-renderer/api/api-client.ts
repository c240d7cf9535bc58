import type { z } from 'zod';
import {
  HealthSchema,
  JobActionResponseSchema,
  JobSchema,
  ProgressSchema,
  QueueResponseSchema,
  StorageStatsSchema,
  SweepResultSchema,
  type Job,
  type JobActionResponse,
  type JobStatus,
  type Progress,
  type QueueResponse,
  type StorageStats,
  type SweepResult,
} from '../../src-shared/job.js';
import {
  DeleteManyResponseSchema,
  DiagnosisSchema,
  MoveResponseSchema,
  WorkersResponseSchema,
  type BulkDeletableStatus,
  type DeleteManyResponse,
  type Diagnosis,
  type MoveRequest,
  type MoveResponse,
  type QueueOrder,
  type WorkerInfo,
} from '../../src-shared/queue.js';
import { FarmStatusSchema, type FarmStatus } from '../../src-shared/farm.js';
import { SettingsSchema, type Settings } from '../../src-shared/settings.js';
import type { RenderSpecInput } from '../../src-shared/spec.js';
import { ApiError } from './api-error.js';
import { readProblem } from './read-problem.js';

/** Options of createApiClient. */
export interface ApiClientOptions {
  /** Origin of the loopback server, e.g. http://127.0.0.1:4321. */
  baseUrl: string;
  token: string | null;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
}

export type ApiClient = ReturnType<typeof createApiClient>;

/**
 * The one typed client of the loopback API (docs/api.md). Every answer is parsed with the
 * shared zod schema; every failure is an ApiError.
 */
export function createApiClient(options: ApiClientOptions) {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const base = options.baseUrl.replace(/\/+$/, '');
  const token = options.token;
  const enc = encodeURIComponent;

  async function call<S extends z.ZodType>(
    method: string,
    path: string,
    schema: S,
    body?: unknown,
  ): Promise<z.output<S>>;
  async function call(method: string, path: string, schema: null, body?: unknown): Promise<void>;
  async function call(method: string, path: string, schema: z.ZodType | null, body?: unknown): Promise<unknown> {
    const response = await send(method, path, 'application/json', body);
    if (schema === null || response.status === 204) {
      await response.body?.cancel();
      return undefined;
    }
    let json: unknown;
    try {
      json = await response.json();
    } catch (cause) {
      throw new ApiError({
        status: response.status,
        code: 'BAD_RESPONSE',
        message: 'The server sent JSON that does not parse.',
        cause,
      });
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new ApiError({
        status: response.status,
        code: 'BAD_RESPONSE',
        message: `The server's answer to ${method} ${path} does not match the API contract.`,
        cause: parsed.error,
      });
    }
    return parsed.data;
  }

  /** One request with the token in the header; an ApiError for no answer or an error status. */
  async function send(method: string, path: string, accept: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { accept };
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await doFetch(base + path, {
        method,
        headers,
        body: body === undefined ? null : JSON.stringify(body),
      });
    } catch (cause) {
      throw new ApiError({ status: 0, code: 'NETWORK', message: 'Aura Studio’s engine is not reachable.', cause });
    }
    if (!response.ok) throw await readProblem(response);
    return response;
  }

  /** A URL with the token in the query, for EventSource, <video> and <img>, which cannot send headers. */
  function tokenUrl(path: string, query: Record<string, string> = {}): string {
    const url = new URL(base + path);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    if (token) url.searchParams.set('token', token);
    return url.toString();
  }

  return {
    baseUrl: base,
    health: () => call('GET', '/api/health', HealthSchema),
    render: (spec: RenderSpecInput): Promise<Job> => call('POST', '/api/render', JobSchema, spec),
    queue: (query: { status?: JobStatus; limit?: number; order?: QueueOrder } = {}): Promise<QueueResponse> => {
      const params = new URLSearchParams();
      if (query.status) params.set('status', query.status);
      if (query.limit !== undefined) params.set('limit', String(query.limit));
      if (query.order) params.set('order', query.order);
      const qs = params.toString();
      return call('GET', `/api/queue${qs ? `?${qs}` : ''}`, QueueResponseSchema);
    },
    job: (id: string): Promise<Job> => call('GET', `/api/jobs/${enc(id)}`, JobSchema),
    progress: (id: string): Promise<Progress> => call('GET', `/api/render/${enc(id)}/progress`, ProgressSchema),
    cancel: (id: string): Promise<JobActionResponse> =>
      call('POST', `/api/render/${enc(id)}/cancel`, JobActionResponseSchema),
    pause: (id: string): Promise<JobActionResponse> =>
      call('POST', `/api/render/${enc(id)}/pause`, JobActionResponseSchema),
    resume: (id: string): Promise<JobActionResponse> =>
      call('POST', `/api/render/${enc(id)}/resume`, JobActionResponseSchema),
    deleteJob: (id: string): Promise<void> => call('DELETE', `/api/jobs/${enc(id)}`, null),
    /** Every job in these ended statuses, deleted in one request ("Clear finished"). */
    deleteMany: (statuses: readonly BulkDeletableStatus[]): Promise<DeleteManyResponse> =>
      call('DELETE', `/api/jobs?status=${statuses.map(enc).join(',')}`, DeleteManyResponseSchema),
    /** A new pending job with the same spec ("Render again"). */
    duplicate: (id: string): Promise<Job> => call('POST', `/api/jobs/${enc(id)}/duplicate`, JobSchema),
    move: (id: string, request: MoveRequest): Promise<MoveResponse> =>
      call('POST', `/api/jobs/${enc(id)}/move`, MoveResponseSchema, request),
    diagnosis: (id: string): Promise<Diagnosis> => call('GET', `/api/jobs/${enc(id)}/diagnosis`, DiagnosisSchema),
    workers: (): Promise<WorkerInfo[]> => call('GET', '/api/workers', WorkersResponseSchema),
    /** The render farm the engine runs on now (null: this machine alone), and whether its Redis answers. */
    farm: (): Promise<FarmStatus> => call('GET', '/api/farm', FarmStatusSchema),
    storage: (): Promise<StorageStats> => call('GET', '/api/storage', StorageStatsSchema),
    sweep: (): Promise<SweepResult> => call('POST', '/api/cleanup/sweep', SweepResultSchema),
    settings: (): Promise<Settings> => call('GET', '/api/settings', SettingsSchema),
    updateSettings: (patch: Partial<Settings>): Promise<Settings> =>
      call('PUT', '/api/settings', SettingsSchema, patch),
    pauseQueue: (): Promise<void> => call('POST', '/api/queue/pause', null),
    resumeQueue: (): Promise<void> => call('POST', '/api/queue/resume', null),

    eventsUrl: (lastEventId?: string | null): string => tokenUrl('/api/events', lastEventId ? { lastEventId } : {}),
    jobEventsUrl: (id: string, lastEventId?: string | null): string =>
      tokenUrl(`/api/jobs/${enc(id)}/events`, lastEventId ? { lastEventId } : {}),
    artifactUrl: (id: string, name: string): string => tokenUrl(`/api/jobs/${enc(id)}/artifacts/${enc(name)}`),
    proxyUrl: (id: string, name: string, query: Record<string, string> = {}): string =>
      tokenUrl(`/api/jobs/${enc(id)}/proxy/${enc(name)}`, query),
    logUrl: (id: string): string => tokenUrl(`/api/jobs/${enc(id)}/log`),
    /** The job's whole log as text, fetched with the token in the header (no token in a URL). */
    logText: async (id: string): Promise<string> =>
      (await send('GET', `/api/jobs/${enc(id)}/log`, 'text/plain')).text(),
  };
}
