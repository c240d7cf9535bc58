import type { FieldError, Problem } from '../../src-shared/problem.js';

/** Codes the client adds for failures that never reached a problem+json answer. */
export type ClientErrorCode = 'NETWORK' | 'BAD_RESPONSE' | 'HTTP_ERROR';

/**
 * Every failed API call: the server's problem+json turned into a typed error, so a form can put
 * `fieldErrors` next to the fields they name and the rest of the UI can branch on `code`.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** HTTP status; 0 when the server could not be reached. */
  readonly status: number;
  /** The problem's stable code (VALIDATION_FAILED, JOB_ACTIVE, ...) or a ClientErrorCode. */
  readonly code: string;
  readonly fieldErrors: readonly FieldError[];
  readonly problem: Problem | null;

  constructor(options: {
    status: number;
    code: string;
    message: string;
    fieldErrors?: readonly FieldError[];
    problem?: Problem | null;
    cause?: unknown;
  }) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.status = options.status;
    this.code = options.code;
    this.fieldErrors = options.fieldErrors ?? [];
    this.problem = options.problem ?? null;
  }

  /** The message for one field path ("title", "output.width"), or undefined. */
  fieldError(path: string): string | undefined {
    return this.fieldErrors.find((e) => e.path === path)?.message;
  }
}

/** A short sentence for any error, for places that show only one line. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
