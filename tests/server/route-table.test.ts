import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProblemSchema } from '../../src-shared/problem.js';
import { SettingsSchema } from '../../src-shared/settings.js';
import { ROUTES } from '../../src-main/server/routes/index.js';
import { testSpec, testSteps } from '../helpers/test-steps.js';
import { postJson, rawRequest, startTestHost, type TestHost } from './harness.js';

interface Operation {
  operationId: string;
  responses: Record<string, { content?: Record<string, unknown> }>;
  requestBody?: { content: Record<string, unknown> };
  parameters?: unknown[];
}
type Doc = { paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, object> } };

async function expectProblem(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  const problem = ProblemSchema.parse(await res.json());
  expect(problem.code).toBe(code);
  return problem;
}

/** A concrete URL for a documented path: `{id}` and `{name}` filled with well-formed values. */
const concrete = (path: string) => path.replace('{id}', 'some-job').replace('{name}', 'output.mp4');

describe('the route table: what the document says is what the server enforces', () => {
  let t: TestHost;
  let doc: Doc;
  beforeAll(async () => {
    t = await startTestHost({ steps: testSteps() });
    await t.json('/api/queue/pause', { method: 'POST' });
    doc = await t.json<Doc>('/api/openapi.json');
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it('every schema in the document is valid JSON Schema 2020-12 and every $ref resolves', () => {
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    ajv.addSchema(doc, 'openapi.json');
    const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
    let compiled = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(item) as Array<[string, Operation]>) {
        expect(operation.operationId, `${method} ${path}`).toMatch(/^[a-z][A-Za-z]+$/);
        const base = `openapi.json#/paths/${escape(path)}/${method}`;
        const media = [
          ...Object.entries(operation.responses).flatMap(([status, answer]) =>
            Object.keys(answer.content ?? {}).map(
              (type) => `${base}/responses/${status}/content/${escape(type)}/schema`,
            ),
          ),
          ...Object.keys(operation.requestBody?.content ?? {}).map(
            (type) => `${base}/requestBody/content/${escape(type)}/schema`,
          ),
          ...(operation.parameters ?? []).map((_, i) => `${base}/parameters/${i}/schema`),
        ];
        for (const ref of media) {
          expect(() => ajv.compile({ $ref: ref }), ref).not.toThrow();
          compiled += 1;
        }
      }
    }
    expect(compiled).toBeGreaterThan(150);
  });

  it('a known path with a method it lacks: 405 METHOD_NOT_ALLOWED with Allow; without a token, 401 first', async () => {
    let tried = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      const methods = Object.keys(item).map((m) => m.toUpperCase());
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((m) => !methods.includes(m))) {
        const res = await t.api(concrete(path), { method });
        const problem = await expectProblem(res, 405, 'METHOD_NOT_ALLOWED');
        const allow = (res.headers.get('allow') ?? '').split(', ');
        expect(allow).toEqual(expect.arrayContaining(methods));
        expect(problem.detail).toContain(path);
        tried += 1;
      }
    }
    expect(tried).toBeGreaterThan(40);
    expect((await t.fetch('/api/queue', { method: 'DELETE' })).status).toBe(401);
    // Health is open, so its 405 needs no token.
    expect((await t.fetch('/api/health', { method: 'POST' })).status).toBe(405);
  });

  it('unknown query parameters are a 400 naming them, on every route; the token is not one', async () => {
    for (const route of ROUTES.filter((r) => r.method === 'GET' && !r.stream)) {
      const res = await t.api(`${concrete(route.path)}?limt=5`);
      const problem = await expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(problem.errors).toEqual([{ path: 'limt', message: 'is not a parameter of this route' }]);
    }
    await expectProblem(await t.api('/api/events?follow=1'), 400, 'VALIDATION_FAILED');
    await expectProblem(await t.api('/api/queue/pause?now=1', { method: 'POST' }), 400, 'VALIDATION_FAILED');
    expect((await t.fetch(`/api/queue?limit=1&token=${t.host.token}`)).status).toBe(200);
  });

  it('render specs: the document accepts exactly what the server accepts (property-based)', async () => {
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    ajv.addSchema(doc, 'openapi.json');
    const documentAccepts = ajv.compile({ $ref: 'openapi.json#/components/schemas/RenderSpec' });
    /** Mostly a valid value, sometimes one just over a line: each spec then has a fair chance to be valid. */
    const pick = <T>(valid: T[], invalid: T[]) =>
      fc.oneof(
        { arbitrary: fc.constantFrom(...valid), weight: 12 },
        { arbitrary: fc.constantFrom(...invalid), weight: 1 },
      );
    const scene = fc.record(
      {
        heading: pick(['Intro', ''], ['x'.repeat(201)]),
        narration: pick(['Hello there.', ''], [7 as unknown as string]),
        durationSec: pick([0.5, 3, 600], [0.4, 601]),
        background: pick(['#1d3557'], ['blue', '#12345']),
        motion: pick(['ken-burns', 'none'], ['spin']),
      },
      { requiredKeys: [] },
    );
    const content = fc.oneof(
      { arbitrary: fc.record({ script: pick(['# One\nHello.', 'Just words.'], ['']) }), weight: 5 },
      { arbitrary: fc.record({ scenes: fc.array(scene, { minLength: 1, maxLength: 2 }) }), weight: 5 },
      { arbitrary: fc.constant({ script: 'a', scenes: [{}] }), weight: 1 },
      { arbitrary: fc.constant({}), weight: 1 },
      { arbitrary: fc.constant({ scenes: [] }), weight: 1 },
    );
    const rest = fc
      .record(
        {
          title: pick(['A video', ' padded '], ['', '   ', 'x'.repeat(201)]),
          voice: fc.record(
            { engine: pick(['none', 'auto'], ['robot']), rate: pick([80, 170, 450], [79, 451, 170.5]) },
            { requiredKeys: [] },
          ),
          output: fc.record(
            {
              width: pick([16, 160, 7680], [15, 17, 1281, 7682]),
              height: pick([16, 90, 4320], [91, 4322]),
              fps: pick([1, 30, 120], [0, 121, 29.97]),
              quality: pick(['draft', 'high'], ['best']),
              preset: pick(['shorts', 'square'], ['vhs']),
            },
            { requiredKeys: [] },
          ),
          transition: fc.record(
            { type: pick(['cut', 'crossfade'], ['wipe']), durationSec: pick([0.1, 0.5, 2], [0.05, 2.5]) },
            { requiredKeys: [] },
          ),
          music: fc.record(
            {
              path: pick(['/m/song.MP3', '/m/a.ogg'], ['song.mp3', '/m/song.flac']),
              volumeDb: pick([-40, -18, 0], [-41, 1]),
            },
            { requiredKeys: ['path'] },
          ),
          captions: pick(['both', 'none'], ['always']),
          chapters: pick([true, false], ['yes' as unknown as boolean]),
          colour: fc.constant('red'),
        },
        { requiredKeys: ['title'] },
      )
      .filter((r) => !('colour' in r) || Math.random() < 0.1);
    const spec = fc.tuple(content, rest).map(([c, r]) => ({ ...r, ...c }));
    // The one rule JSON Schema cannot state (thumbnail.scene below the scene count) is left out;
    // music files are not given as real files here, so a spec naming one is judged by shape only.
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(spec, async (body) => {
        const byDocument = documentAccepts(body);
        if (byDocument) accepted += 1;
        const res = await postJson(t, '/api/jobs', body);
        const problem = res.status === 201 ? undefined : ProblemSchema.parse(await res.json());
        const onlyFileProblems = problem?.errors?.every((e) => /^music\.path$|^scenes\.\d+\.image$/.test(e.path));
        if (byDocument && onlyFileProblems) return;
        expect(
          res.status === 201,
          `document says ${byDocument} for ${JSON.stringify(body)}: ${JSON.stringify(problem)}`,
        ).toBe(byDocument);
      }),
      { numRuns: 120 },
    );
    // Both sides of the line were explored, not only specs that every check refuses.
    expect(accepted).toBeGreaterThan(0);
  });

  it('settings patches: the document accepts exactly what the server accepts (property-based)', async () => {
    const before = SettingsSchema.parse(await t.json('/api/settings'));
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    ajv.addSchema(doc, 'openapi.json');
    const documentAccepts = ajv.compile({ $ref: 'openapi.json#/components/schemas/SettingsPatch' });
    const pick = <T>(valid: T[], invalid: T[]) =>
      fc.oneof(
        { arbitrary: fc.constantFrom(...valid), weight: 8 },
        { arbitrary: fc.constantFrom(...invalid), weight: 1 },
      );
    const patch = fc
      .record(
        {
          concurrency: pick([1, 4, 16], [0, 17, 1.5]),
          autoResumeInterrupted: pick<unknown>([true, false], ['yes']),
          stallWarningSeconds: pick([1, 60, 3600], [0.5, 3601]),
          tempRetentionHours: pick([0, 24, 8760], [-1, 8761]),
          ssePingSeconds: pick([1, 15, 300], [0, 301]),
          maxParallelScenes: pick([0, 8, 64], [65, -1]),
          jobLogMaxBytes: pick([4096, 2_097_152], [4095, 1.5]),
          schemaVersion: pick([1], [2]),
          bogus: fc.constant(1),
        },
        { requiredKeys: [] },
      )
      .filter((p) => !('bogus' in p) || Object.keys(p).length === 1);
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(patch, async (body) => {
        const byDocument = documentAccepts(body);
        const res = await postJson(t, '/api/settings', body, 'PUT');
        if (res.status === 200) accepted += 1;
        expect(res.status === 200, `document says ${byDocument} for ${JSON.stringify(body)}: ${await res.text()}`).toBe(
          byDocument,
        );
      }),
      { numRuns: 80 },
    );
    expect(accepted).toBeGreaterThan(0);
    await postJson(t, '/api/settings', { ...before, ffmpegPath: undefined }, 'PUT');
  });

  it('settings naming a program cannot be changed over HTTP: 403, nothing saved; repeating the value is fine', async () => {
    const settingsFile = join(t.dataDir, 'settings.json');
    const before = SettingsSchema.parse(await t.json('/api/settings'));
    const onDisk = () => readFileSync(settingsFile, 'utf8');
    await postJson(t, '/api/settings', { concurrency: 1 }, 'PUT');
    const saved = onDisk();

    const evil = await postJson(t, '/api/settings', { ffmpegPath: '/tmp/evil.sh' }, 'PUT');
    const problem = await expectProblem(evil, 403, 'FORBIDDEN');
    expect(problem.detail).toMatch(/settings\.json/);
    expect(problem.errors).toEqual([{ path: 'ffmpegPath', message: 'cannot be changed over HTTP' }]);
    // Mixed with a harmless change, nothing of the patch is applied.
    await expectProblem(
      await postJson(t, '/api/settings', { concurrency: 3, ffmpegPath: '/bin/sh' }, 'PUT'),
      403,
      'FORBIDDEN',
    );
    expect(SettingsSchema.parse(await t.json('/api/settings'))).toEqual({ ...before, concurrency: 1 });
    expect(onDisk()).toBe(saved);
    expect(t.host.engine.settings().ffmpegPath).toBe(before.ffmpegPath);

    // A client that sends back what it read (GET, edit, PUT) is not refused for it.
    const roundTrip = await postJson(t, '/api/settings', { ...before, concurrency: 2 }, 'PUT');
    expect(roundTrip.status).toBe(200);
    await postJson(t, '/api/settings', { concurrency: before.concurrency }, 'PUT');
  });

  it('a job id or file name that is not well formed is a 400 on every route that takes one', async () => {
    for (const route of ROUTES.filter((r) => r.path.includes('{id}'))) {
      const url = route.path.replace('{id}', 'a.b').replace('{name}', 'output.mp4');
      const res = route.method === 'GET' ? await t.api(url) : await t.api(url, { method: route.method });
      await expectProblem(res, 400, 'VALIDATION_FAILED');
    }
    const spec = await postJson(t, '/api/jobs', testSpec('has files'));
    const { jobId } = (await spec.json()) as { jobId: string };
    for (const name of ['..', '.hidden', 'a%2Fb']) {
      const res = await rawRequest(t.host.port, {
        path: `/api/jobs/${jobId}/artifacts/${name}`,
        headers: { host: `127.0.0.1:${t.host.port}`, authorization: `Bearer ${t.host.token}` },
      });
      expect([400, 404]).toContain(res.status);
    }
  });
});
