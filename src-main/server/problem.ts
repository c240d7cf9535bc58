import { ZodError } from 'zod';
import type { ErrorCode } from '../../src-shared/constants.js';
import { fieldErrors, type FieldError, type Problem } from '../../src-shared/problem.js';
import { EngineError } from '../engine/engine-api.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** HTTP status and title of every wire error code. */
const STATUS_OF: Record<ErrorCode, { status: number; title: string }> = {
  VALIDATION_FAILED: { status: 400, title: 'Validation failed' },
  UNAUTHORIZED: { status: 401, title: 'Unauthorized' },
  FORBIDDEN: { status: 403, title: 'Forbidden' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  JOB_NOT_CANCELABLE: { status: 409, title: 'Job not cancelable' },
  JOB_NOT_RESUMABLE: { status: 409, title: 'Job not resumable' },
  JOB_NOT_PAUSABLE: { status: 409, title: 'Job not pausable' },
  JOB_ACTIVE: { status: 409, title: 'Job active' },
  JOB_NOT_PENDING: { status: 409, title: 'Job not pending' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'Method not allowed' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'Payload too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported media type' },
  DISK_FULL: { status: 507, title: 'Disk full' },
  STORAGE_READ_ONLY: { status: 503, title: 'Storage read-only' },
  FARM_UNAVAILABLE: { status: 503, title: 'Farm unavailable' },
  INTERNAL: { status: 500, title: 'Internal error' },
};

/** HTTP status of a wire error code. */
export function statusOf(code: ErrorCode): number {
  return STATUS_OF[code].status;
}

/** Builds the problem+json body for a code. */
export function makeProblem(code: ErrorCode, detail: string, errors?: FieldError[]): Problem {
  const { status, title } = STATUS_OF[code];
  const problem: Problem = { type: `about:blank#${code}`, title, status, detail, code };
  if (errors !== undefined) problem.errors = errors;
  return problem;
}

/** Thrown by route handlers to answer with a problem; the error handler serialises it. */
export class HttpProblem extends Error {
  override readonly name = 'HttpProblem';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly errors?: FieldError[],
    /** A status other than the code's usual one (416 for a range past the end), and extra headers. */
    readonly options: { status?: number; headers?: Record<string, string> } = {},
  ) {
    super(message);
  }
}

/** Fastify's own error codes that are the client's fault, and what we call them. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'VALIDATION_FAILED',
  FST_ERR_CTP_INVALID_JSON_BODY: 'VALIDATION_FAILED',
  FST_ERR_BAD_URL: 'VALIDATION_FAILED',
  FST_ERR_ASYNC_CONSTRAINT: 'VALIDATION_FAILED',
  FST_ERR_INVALID_URL: 'VALIDATION_FAILED',
};

/**
 * Maps anything a handler threw to a problem: our HttpProblem, the engine's EngineError, zod's
 * ZodError (400 with the fields), Fastify's client errors; anything else is INTERNAL (a bug).
 */
export function toProblem(error: unknown): Problem {
  if (error instanceof HttpProblem) {
    const problem = makeProblem(error.code, error.message, error.errors);
    return error.options.status === undefined ? problem : { ...problem, status: error.options.status };
  }
  if (error instanceof EngineError) return makeProblem(error.code, error.message);
  if (error instanceof ZodError)
    return makeProblem('VALIDATION_FAILED', 'The request is not valid.', fieldErrors(error.issues));
  if (error instanceof SyntaxError)
    return makeProblem('VALIDATION_FAILED', `The body is not valid JSON: ${error.message}`);
  const fastifyCode = (error as { code?: unknown } | null)?.code;
  if (typeof fastifyCode === 'string' && fastifyCode in FASTIFY_CODES) {
    const code = FASTIFY_CODES[fastifyCode] as ErrorCode;
    return makeProblem(code, (error as Error).message);
  }
  const statusCode = (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    // Any other client error the framework raises (malformed request line, headers...).
    return { ...makeProblem('VALIDATION_FAILED', (error as Error).message), status: statusCode };
  }
  return makeProblem('INTERNAL', 'An internal error occurred.');
}
