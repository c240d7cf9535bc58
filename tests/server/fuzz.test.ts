import { connect } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB_ID_PATTERN } from '../../src-shared/constants.js';
import { ProblemSchema } from '../../src-shared/problem.js';
import { SettingsPatchSchema } from '../../src-shared/settings.js';
import { RenderSpecSchema } from '../../src-shared/spec.js';
import { MoveRequestSchema } from '../../src-shared/queue.js';
import { DeleteJobsQuerySchema, QueueQuerySchema } from '../../src-main/server/validate.js';
import { testSteps } from '../helpers/test-steps.js';
import { postJson, rawRequest, startTestHost, type TestHost } from './harness.js';

const RUNS = 40;

/** Every answer to a malformed request: a 4xx problem+json whose status matches the HTTP one. */
async function expectClientProblem(res: Response | { status: number; headers: Record<string, unknown>; body: string }) {
  const contentType = res instanceof Response ? res.headers.get('content-type') : res.headers['content-type'];
  const body = res instanceof Response ? await res.text() : res.body;
  expect(res.status, body).toBeGreaterThanOrEqual(400);
  expect(res.status, body).toBeLessThan(500);
  expect(contentType).toMatch(/^application\/problem\+json/);
  expect(ProblemSchema.parse(JSON.parse(body)).status).toBe(res.status);
}

function isValidSettingsPatch(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && SettingsPatchSchema.safeParse(value).success;
  } catch {
    return false;
  }
}

/** Sends raw bytes and resolves with the first response's head and body. */
function rawBytes(
  port: number,
  payload: Buffer,
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer to ${JSON.stringify(payload.toString('latin1'))}`));
    }, 5_000);
    const finish = () => {
      clearTimeout(timer);
      const [head = '', ...rest] = data.split('\r\n\r\n');
      const [statusLine = '', ...headerLines] = head.split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of headerLines) {
        const i = line.indexOf(':');
        headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
      }
      const length = Number(headers['content-length'] ?? 0);
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n').slice(0, length) });
    };
    socket.on('data', (chunk) => {
      data += chunk.toString('latin1');
      const end = data.indexOf('\r\n\r\n');
      const length = /content-length: (\d+)/i.exec(data)?.[1];
      if (end !== -1 && length !== undefined && data.length >= end + 4 + Number(length)) {
        socket.destroy();
        finish();
      }
    });
    socket.on('close', () => (data ? finish() : undefined));
    socket.on('error', () => undefined);
    socket.write(payload);
  });
}

describe('malformed requests (property-based)', () => {
  let t: TestHost;
  beforeAll(async () => {
    t = await startTestHost({ steps: testSteps(), settings: { concurrency: 1 } });
    await t.json('/api/queue/pause', { method: 'POST' });
  });
  afterAll(async () => {
    // The server still answers after all of it.
    const health = await t.fetch(`/api/health`);
    expect(health.status).toBe(200);
    await t.cleanup();
  });

  const anyText = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }));

  it('bad or unknown job ids on every job route', async () => {
    const badId = anyText.filter((s) => !JOB_ID_PATTERN.test(s) && s !== '' && !/^\.{1,2}$/.test(s));
    const unknownId = fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/);
    const route = fc.constantFrom(
      ['GET', '/api/jobs/ID'],
      ['GET', '/api/render/ID/progress'],
      ['POST', '/api/render/ID/cancel'],
      ['POST', '/api/render/ID/pause'],
      ['POST', '/api/render/ID/resume'],
      ['DELETE', '/api/jobs/ID'],
      ['GET', '/api/jobs/ID/events'],
      ['GET', '/api/jobs/ID/log'],
      ['GET', '/api/jobs/ID/artifacts/output.mp4'],
      ['GET', '/api/jobs/ID/proxy/x.png'],
      ['GET', '/api/jobs/ID/progress'],
      ['POST', '/api/jobs/ID/cancel'],
      ['POST', '/api/jobs/ID/duplicate'],
      ['GET', '/api/jobs/ID/diagnosis'],
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(badId, unknownId), route, async (id, [method, path]) => {
        await expectClientProblem(await t.api(path!.replace('ID', encodeURIComponent(id)), { method }));
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('bad artifact names', async () => {
    const jobId = (await t.json<{ jobs: Array<{ jobId: string }> }>('/api/queue')).jobs[0]?.jobId ?? 'some-job';
    await fc.assert(
      fc.asyncProperty(
        anyText.filter((s) => s !== '' && !/^\.{1,2}$/.test(s)),
        async (name) => {
          await expectClientProblem(await t.api(`/api/jobs/${jobId}/artifacts/${encodeURIComponent(name)}`));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('render specs that are not valid, as JSON', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.jsonValue().filter((v) => !RenderSpecSchema.safeParse(v).success),
        async (body) => {
          const res = await t.api('/api/render', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body),
          });
          await expectClientProblem(res);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('bodies that are not JSON, or not declared as JSON', async () => {
    const contentType = fc.oneof(
      fc.constant('application/json'),
      fc.constantFrom('text/plain', 'application/xml', 'image/png', 'application/x-www-form-urlencoded', 'foo/bar'),
    );
    await fc.assert(
      fc.asyncProperty(
        contentType,
        anyText.filter((s) => {
          try {
            return !RenderSpecSchema.safeParse(JSON.parse(s)).success;
          } catch {
            return true;
          }
        }),
        fc.constantFrom('/api/render', '/api/settings'),
        async (type, body, path) => {
          if (path === '/api/settings' && type === 'application/json') fc.pre(!isValidSettingsPatch(body));
          const res = await t.api(path, {
            method: path === '/api/settings' ? 'PUT' : 'POST',
            headers: { 'content-type': type },
            body,
          });
          // An empty body with a JSON type reads as "no body": still a 400 on these routes.
          await expectClientProblem(res);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('settings patches that are not valid', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .jsonValue()
          .filter(
            (v) => typeof v !== 'object' || v === null || Array.isArray(v) || !SettingsPatchSchema.safeParse(v).success,
          ),
        async (body) => {
          const res = await t.api('/api/settings', {
            method: 'PUT',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body),
          });
          await expectClientProblem(res);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('queue queries that are not valid', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({ status: anyText, limit: anyText }).filter((q) => !QueueQuerySchema.safeParse(q).success),
        async ({ status, limit }) => {
          const res = await t.api(`/api/queue?status=${encodeURIComponent(status)}&limit=${encodeURIComponent(limit)}`);
          await expectClientProblem(res);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('move bodies that are not valid', async () => {
    const jobId = (await t.json<{ jobs: Array<{ jobId: string }> }>('/api/queue')).jobs[0]?.jobId ?? 'some-job';
    await fc.assert(
      fc.asyncProperty(
        fc.jsonValue().filter((v) => !MoveRequestSchema.safeParse(v).success),
        async (body) => {
          await expectClientProblem(await postJson(t, `/api/jobs/${jobId}/move`, body));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('bulk-delete queries that are not valid, and unknown query parameters anywhere', async () => {
    await fc.assert(
      fc.asyncProperty(
        anyText.filter((s) => !DeleteJobsQuerySchema.safeParse({ status: s }).success),
        async (status) => {
          await expectClientProblem(
            await t.api(`/api/jobs?status=${encodeURIComponent(status)}`, { method: 'DELETE' }),
          );
        },
      ),
      { numRuns: RUNS },
    );
    await fc.assert(
      fc.asyncProperty(
        fc
          .stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,20}$/)
          .filter((k) => !['status', 'limit', 'order', 'token'].includes(k)),
        fc.constantFrom('/api/queue', '/api/storage', '/api/settings', '/api/workers', '/api/health'),
        async (key, path) => {
          await expectClientProblem(await t.api(`${path}?${key}=1`));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('wrong tokens, foreign hosts and origins', async () => {
    const headerText = fc.stringMatching(/^[\x21-\x7e]{1,40}$/);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          headerText
            .filter((s) => s !== t.host.token)
            .map((token) => ({ authorization: `Bearer ${token}`, host: `127.0.0.1:${t.host.port}` })),
          headerText.filter((h) => !h.endsWith(`:${t.host.port}`)).map((host) => ({ host })),
          headerText
            .filter((o) => o !== `127.0.0.1:${t.host.port}` && o !== `localhost:${t.host.port}`)
            .map((origin) => ({ host: `127.0.0.1:${t.host.port}`, origin: `http://${origin}` })),
        ),
        fc.constantFrom('/api/queue', '/api/events', '/api/settings', '/api/storage'),
        async (headers, path) => {
          await expectClientProblem(await rawRequest(t.host.port, { path, headers }));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('bytes that are not HTTP at all', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 200 }), async (bytes) => {
        // Node skips leading blank lines; start with a byte that is not one so there is a request to judge.
        const payload = Buffer.concat([Buffer.from('\x01'), Buffer.from(bytes), Buffer.from('\r\n\r\n')]);
        await expectClientProblem(await rawBytes(t.host.port, payload));
      }),
      { numRuns: RUNS },
    );
  });
});
