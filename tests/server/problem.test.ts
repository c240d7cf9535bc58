import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ERROR_CODES } from '../../src-shared/constants.js';
import { ProblemSchema } from '../../src-shared/problem.js';
import { EngineError } from '../../src-main/engine/engine-api.js';
import { canMountTmpfs, mountTmpfs } from '../helpers/tmpfs.js';
import { clientErrorResponse } from '../../src-main/server/client-error.js';
import { HttpProblem, makeProblem, statusOf, toProblem } from '../../src-main/server/problem.js';

describe('statusOf', () => {
  it.each([
    ['VALIDATION_FAILED', 400],
    ['UNAUTHORIZED', 401],
    ['FORBIDDEN', 403],
    ['NOT_FOUND', 404],
    ['JOB_NOT_CANCELABLE', 409],
    ['JOB_NOT_RESUMABLE', 409],
    ['JOB_NOT_PAUSABLE', 409],
    ['JOB_ACTIVE', 409],
    ['PAYLOAD_TOO_LARGE', 413],
    ['UNSUPPORTED_MEDIA_TYPE', 415],
    ['DISK_FULL', 507],
    ['STORAGE_READ_ONLY', 503],
    ['FARM_UNAVAILABLE', 503],
    ['METHOD_NOT_ALLOWED', 405],
    ['JOB_NOT_PENDING', 409],
    ['INTERNAL', 500],
  ] as const)('%s → %d', (code, status) => {
    expect(statusOf(code)).toBe(status);
  });

  it('covers every wire code with a valid problem', () => {
    for (const code of ERROR_CODES) expect(ProblemSchema.parse(makeProblem(code, 'x')).code).toBe(code);
  });
});

describe('toProblem', () => {
  it.each([
    [new EngineError('JOB_ACTIVE', 'busy'), 409, 'JOB_ACTIVE'],
    [new EngineError('NOT_FOUND', 'gone'), 404, 'NOT_FOUND'],
    [new HttpProblem('FORBIDDEN', 'no'), 403, 'FORBIDDEN'],
    [new HttpProblem('VALIDATION_FAILED', 'range', undefined, { status: 416 }), 416, 'VALIDATION_FAILED'],
    [
      Object.assign(new Error('big'), { code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 }),
      413,
      'PAYLOAD_TOO_LARGE',
    ],
    [
      Object.assign(new Error('type'), { code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', statusCode: 415 }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    [Object.assign(new Error('odd'), { statusCode: 431 }), 431, 'VALIDATION_FAILED'],
    [new Error('boom'), 500, 'INTERNAL'],
    ['a string', 500, 'INTERNAL'],
  ])('%s → %d %s', (error, status, code) => {
    const problem = toProblem(error);
    expect(problem).toMatchObject({ status, code });
    expect(ProblemSchema.safeParse(problem).success).toBe(true);
  });

  it('lists the bad fields of a zod error', () => {
    const result = z.object({ a: z.object({ b: z.number() }) }).safeParse({ a: { b: 'x' } });
    expect(result.success).toBe(false);
    const problem = toProblem(result.error);
    expect(problem.status).toBe(400);
    expect(problem.errors).toEqual([{ path: 'a.b', message: expect.any(String) }]);
  });

  it('never leaks an internal error message', () => {
    expect(toProblem(new Error('/secret/path exploded')).detail).not.toContain('/secret');
  });
});

describe('clientErrorResponse', () => {
  it.each([
    [undefined, 400],
    ['HPE_INVALID_METHOD', 400],
    ['HPE_HEADER_OVERFLOW', 431],
    ['ERR_HTTP_REQUEST_TIMEOUT', 408],
  ])('%s → %d problem+json', (code, status) => {
    const raw = clientErrorResponse(code);
    const [head = '', body = ''] = raw.split('\r\n\r\n');
    expect(head).toMatch(new RegExp(`^HTTP/1.1 ${status} `));
    expect(head).toContain('Content-Type: application/problem+json');
    expect(head).toContain(`Content-Length: ${Buffer.byteLength(body)}`);
    expect(ProblemSchema.parse(JSON.parse(body)).status).toBe(status);
  });
});

describe('toProblem: raw storage errors from anywhere', () => {
  it.skipIf(!existsSync('/dev/full'))('a real ENOSPC (a write to /dev/full) → 507 DISK_FULL, not 500', () => {
    let caught: unknown;
    try {
      writeFileSync('/dev/full', 'x');
    } catch (error) {
      caught = error;
    }
    expect((caught as NodeJS.ErrnoException).code).toBe('ENOSPC');
    const problem = toProblem(caught, '/data/jobs');
    expect(problem).toMatchObject({ status: 507, code: 'DISK_FULL' });
    expect(problem.detail).toMatch(/full/);
    // Wrapped as a cause, as libraries do, it is still found.
    expect(toProblem(new Error('save failed', { cause: caught })).status).toBe(507);
  });

  it.skipIf(!canMountTmpfs)('a real EROFS (a write to a read-only tmpfs) → 503 STORAGE_READ_ONLY', () => {
    const disk = mountTmpfs(1);
    let caught: unknown;
    try {
      execFileSync('mount', ['-o', 'remount,ro', disk.dir]);
      writeFileSync(`${disk.dir}/settings.json`, '{}');
    } catch (error) {
      caught = error;
    } finally {
      disk.cleanup();
    }
    expect((caught as NodeJS.ErrnoException).code).toBe('EROFS');
    expect(toProblem(caught)).toMatchObject({ status: 503, code: 'STORAGE_READ_ONLY' });
  });
});
