import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProblemSchema } from '../../src-shared/problem.js';
import { testSpec, testSteps } from '../helpers/test-steps.js';
import { waitForStatus } from '../helpers/wait.js';
import { postJson, rawRequest, startTestHost, type TestHost } from './harness.js';

describe('security over real HTTP', () => {
  let t: TestHost;
  let port: number;
  let jobId: string;
  let auth: Record<string, string>;
  beforeAll(async () => {
    t = await startTestHost({ steps: testSteps(), extraOrigins: ['app://aura-renderer'] });
    port = t.host.port;
    auth = { authorization: `Bearer ${t.host.token}` };
    jobId = ((await (await postJson(t, '/api/render', testSpec('secure'))).json()) as { jobId: string }).jobId;
    await waitForStatus(t.host.engine, jobId, 'completed');
  });
  afterAll(async () => {
    await t.cleanup();
  });

  const problemOf = (res: { status: number; headers: Record<string, unknown>; body: string }) => {
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    return ProblemSchema.parse(JSON.parse(res.body));
  };

  it.each([
    ['evil.example:PORT', 403],
    ['127.0.0.1:1', 403],
    ['localhost', 403],
    ['127.0.0.1:PORT', 200],
    ['localhost:PORT', 200],
  ])('Host %s → %d (DNS rebinding defence), even on /api/health and /', async (host, status) => {
    for (const path of ['/api/health', '/', '/api/queue']) {
      const res = await rawRequest(port, { path, headers: { host: host.replace('PORT', String(port)), ...auth } });
      expect(res.status).toBe(status);
      if (status === 403) expect(problemOf(res).code).toBe('FORBIDDEN');
    }
  });

  it('a request with no Host at all is refused', async () => {
    const res = await rawRequest(port, { path: '/api/health', headers: {} });
    expect(res.status).toBe(403);
    expect(problemOf(res).code).toBe('FORBIDDEN');
  });

  it.each([
    ['http://evil.example', 403],
    ['http://127.0.0.1:1', 403],
    ['null', 403],
    ['http://127.0.0.1:PORT', 200],
    ['http://localhost:PORT', 200],
    ['app://aura-renderer', 200],
  ])('Origin %s → %d', async (origin, status) => {
    const res = await rawRequest(port, {
      path: '/api/queue',
      headers: { host: `127.0.0.1:${port}`, origin: origin.replace('PORT', String(port)), ...auth },
    });
    expect(res.status).toBe(status);
    if (status === 403) expect(problemOf(res).code).toBe('FORBIDDEN');
  });

  it('token: missing or wrong → 401 on every /api route but health; header or ?token= both work', async () => {
    for (const path of [
      '/api/queue',
      '/api/events',
      `/api/jobs/${jobId}`,
      '/api/settings',
      '/api/openapi.json',
      '/api/nothing',
    ]) {
      const none = await t.fetch(`${path}`);
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toBe('Bearer');
      expect(ProblemSchema.parse(await none.json()).code).toBe('UNAUTHORIZED');
      const wrong = await t.fetch(`${path}`, { headers: { authorization: `Bearer ${t.host.token}x` } });
      expect(wrong.status).toBe(401);
      const wrongQuery = await t.fetch(`${path}?token=nope`);
      expect(wrongQuery.status).toBe(401);
    }
    expect((await t.fetch(`/api/queue?token=${t.host.token}`)).status).toBe(200);
    expect((await t.fetch(`/api/queue`, { headers: auth })).status).toBe(200);
    // Percent-encoding the path does not dodge the token check.
    const encoded = await rawRequest(port, { path: '/%61pi/queue', headers: { host: `127.0.0.1:${port}` } });
    expect([401, 404]).toContain(encoded.status);
    expect(encoded.body).not.toContain('"jobs"');
  });

  it.each([
    `/api/jobs/..%2F..%2Fsettings`,
    `/api/jobs/%2e%2e`,
    `/api/jobs/a%00b`,
    `/api/jobs/${'x'.repeat(65)}`,
    `/api/jobs/JOB/artifacts/..%2Fjob.json`,
    `/api/jobs/JOB/artifacts/.hidden`,
    `/api/jobs/JOB/artifacts/a%5Cb`,
    `/api/jobs/JOB/artifacts/%2Fetc%2Fpasswd`,
    `/api/jobs/JOB/proxy/..%2F..%2F..%2Fsettings.json`,
    `/api/jobs/JOB/artifacts/${'n'.repeat(200)}`,
  ])('path traversal %s → 400, nothing outside the job served', async (template) => {
    const res = await rawRequest(port, {
      path: template.replace('JOB', jobId),
      headers: { host: `127.0.0.1:${port}`, ...auth },
    });
    expect(res.status).toBe(400);
    expect(problemOf(res).code).toBe('VALIDATION_FAILED');
  });

  it('dot segments normalised by a client land on a route that still validates', async () => {
    const res = await rawRequest(port, {
      path: `/api/jobs/${jobId}/artifacts/../../../../settings.json`,
      headers: { host: `127.0.0.1:${port}`, ...auth },
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body).not.toContain('ssePingSeconds');
  });

  it('a body over 1 MiB → 413; a non-JSON body → 415; broken JSON → 400', async () => {
    const big = JSON.stringify({ ...testSpec(), script: 'x'.repeat(1024 * 1024) });
    const tooBig = await postJson(t, '/api/render', JSON.parse(big));
    expect(tooBig.status).toBe(413);
    expect(ProblemSchema.parse(await tooBig.json()).code).toBe('PAYLOAD_TOO_LARGE');

    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
    ]) {
      const res = await t.api('/api/render', { method: 'POST', headers: { 'content-type': type }, body: 'title=x' });
      expect(res.status).toBe(415);
      expect(ProblemSchema.parse(await res.json()).code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    const noType = await rawRequest(port, {
      method: 'POST',
      path: '/api/render',
      headers: { host: `127.0.0.1:${port}`, ...auth, 'content-length': '2' },
      body: '{}',
    });
    expect(noType.status).toBe(415);

    const broken = await t.api('/api/render', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"title":',
    });
    expect(broken.status).toBe(400);
    expect(ProblemSchema.parse(await broken.json()).code).toBe('VALIDATION_FAILED');
  });

  it('never sends CORS headers, even to an allowed origin or a preflight', async () => {
    const responses = [
      await rawRequest(port, {
        path: '/api/queue',
        headers: { host: `127.0.0.1:${port}`, origin: `http://127.0.0.1:${port}`, ...auth },
      }),
      await rawRequest(port, {
        method: 'OPTIONS',
        path: '/api/render',
        headers: { host: `127.0.0.1:${port}`, origin: 'http://evil.example', 'access-control-request-method': 'POST' },
      }),
      await rawRequest(port, {
        path: '/api/health',
        headers: { host: `127.0.0.1:${port}`, origin: 'app://aura-renderer' },
      }),
    ];
    for (const res of responses) {
      expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    }
    expect(responses[1]?.status).toBe(403);
  });
});
