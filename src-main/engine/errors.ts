import type { ErrorCode } from '../../src-shared/constants.js';
import type { JobErrorCode } from '../../src-shared/job-codes.js';
import type { FieldError } from '../../src-shared/problem.js';

/** A refusal of the engine's public API (wrong state, unknown job): the server maps `code` to HTTP. */
export class EngineError extends Error {
  override readonly name = 'EngineError';
  constructor(
    readonly code: Extract<
      ErrorCode,
      | 'NOT_FOUND'
      | 'JOB_NOT_CANCELABLE'
      | 'JOB_NOT_RESUMABLE'
      | 'JOB_NOT_PAUSABLE'
      | 'JOB_NOT_PENDING'
      | 'JOB_ACTIVE'
      | 'VALIDATION_FAILED'
      | 'DISK_FULL'
      | 'STORAGE_READ_ONLY'
      | 'FARM_UNAVAILABLE'
      | 'INTERNAL'
    >,
    message: string,
    /** For VALIDATION_FAILED: the fields at fault (`scenes.2.image`), as the wire's `errors` lists them. */
    readonly fields?: FieldError[],
  ) {
    super(message);
  }
}

/** A step's failure with a stable code and what the user can do about it. */
export class StepError extends Error {
  override readonly name = 'StepError';
  readonly code: JobErrorCode;
  readonly suggestedActions: string[];
  /** False when re-running cannot help (e.g. a bad spec): the job then is not resumable. */
  readonly retryable: boolean;
  constructor(
    code: JobErrorCode,
    message: string,
    options: { suggestedActions?: string[]; retryable?: boolean; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.code = code;
    this.suggestedActions = options.suggestedActions ?? [];
    this.retryable = options.retryable ?? true;
  }
}

/** Reasons the runner aborts a step's signal with; steps never need to tell them apart. */
export type AbortReason = 'cancel' | 'pause' | 'shutdown' | 'stall' | 'error';
