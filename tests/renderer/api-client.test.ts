import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../src-renderer/api/api-client.js';
import { ApiError } from '../../src-renderer/api/api-error.js';

/** What the tiny server saw last, so tests can check what the client sent. */
let lastRequest: { method: string; url: string; headers: IncomingMessage['headers']; body: string } | null = null;

type Handler = (res: ServerResponse) => void;
const problem =
  (status: number, code: string, detail: string, errors?: unknown[]): Handler =>
  (res) => {
    res.writeHead(status, { 'content-type': 'application/problem+json' });
    res.end(JSON.stringify({ type: 'about:blank', title: code, status, detail, code, ...(errors ? { errors } : {}) }));
  };
const json =
  (status: number, body: unknown): Handler =>
  (res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

/** One canned answer per path: a real HTTP server on a random port, not a fake fetch. */
const ROUTES: Record<string, Handler> = {
  'POST /api/render': problem(400, 'VALIDATION_FAILED', 'The render spec is not valid.', [
    { path: 'script', message: 'Too small: expected string to have >=1 characters' },
    { path: 'output.width', message: 'must be even' },
  ]),
  'DELETE /api/jobs/active': problem(409, 'JOB_ACTIVE', 'The job is still running.'),
  'DELETE /api/jobs/done': (res) => {
    res.writeHead(204);
    res.end();
  },
  'GET /api/queue?limit=1': problem(401, 'UNAUTHORIZED', 'A valid token is required.'),
  'GET /api/storage': (res) => {
    res.writeHead(502, { 'content-type': 'text/html' });
    res.end('<h1>Bad gateway</h1>');
  },
  'GET /api/settings': json(200, { concurrency: 'lots' }),
  'GET /api/health': json(200, { status: 'ok', version: '0.1.0' }),
  'POST /api/render/j1/cancel': json(202, { jobId: 'j1', status: 'canceled' }),
};

let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      lastRequest = { method: req.method!, url: req.url!, headers: req.headers, body };
      const handler = ROUTES[`${req.method} ${req.url}`] ?? problem(404, 'NOT_FOUND', 'No such route.');
      handler(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('createApiClient', () => {
  const client = () => createApiClient({ baseUrl: `${baseUrl}/`, token: 'secret-token' });

  it('turns a problem+json 400 into an ApiError with the field errors', async () => {
    const error = await failure(client().render({ title: 'x', script: '' }));
    expect(error).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', message: 'The render spec is not valid.' });
    expect(error.fieldError('script')).toMatch(/Too small/);
    expect(error.fieldError('output.width')).toBe('must be even');
    expect(error.fieldError('title')).toBeUndefined();
    expect(lastRequest?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(lastRequest!.body)).toEqual({ title: 'x', script: '' });
  });

  it('keeps the stable code of a 409 and a 401', async () => {
    expect(await failure(client().deleteJob('active'))).toMatchObject({
      status: 409,
      code: 'JOB_ACTIVE',
      fieldErrors: [],
    });
    expect(await failure(client().queue({ limit: 1 }))).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
  });

  it('types a non-problem error page as HTTP_ERROR', async () => {
    const error = await failure(client().storage());
    expect(error).toMatchObject({ status: 502, code: 'HTTP_ERROR', problem: null });
  });

  it('refuses a 200 whose body breaks the contract', async () => {
    expect(await failure(client().settings())).toMatchObject({ status: 200, code: 'BAD_RESPONSE' });
  });

  it('reports an unreachable server as NETWORK with status 0', async () => {
    const gone = createServer();
    await new Promise<void>((resolve) => gone.listen(0, '127.0.0.1', resolve));
    const port = (gone.address() as AddressInfo).port;
    await new Promise<void>((resolve) => gone.close(() => resolve()));
    const error = await failure(createApiClient({ baseUrl: `http://127.0.0.1:${port}`, token: 't' }).health());
    expect(error).toMatchObject({ status: 0, code: 'NETWORK' });
  });

  it('sends the token as a bearer header and parses success bodies', async () => {
    await expect(client().cancel('j1')).resolves.toEqual({ jobId: 'j1', status: 'canceled' });
    expect(lastRequest?.headers.authorization).toBe('Bearer secret-token');
    await expect(client().deleteJob('done')).resolves.toBeUndefined();
  });

  it('puts the token in the query only for URLs a browser loads by itself', () => {
    const c = client();
    expect(c.eventsUrl('123-4')).toBe(`${baseUrl}/api/events?lastEventId=123-4&token=secret-token`);
    expect(c.artifactUrl('j1', 'output.mp4')).toBe(`${baseUrl}/api/jobs/j1/artifacts/output.mp4?token=secret-token`);
    expect(c.proxyUrl('j/1', 'scene-1.jpg')).toBe(`${baseUrl}/api/jobs/j%2F1/proxy/scene-1.jpg?token=secret-token`);
  });
});
