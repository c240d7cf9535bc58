/** Values every process agrees on. */
export const APP_VERSION = '0.1.0';
export const SCHEMA_VERSION = 1;
export const JOB_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
/** A plain file name: no separators, no parent references, no leading dot. */
export const ARTIFACT_NAME_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
export const MAX_BODY_BYTES = 1024 * 1024;

/** Job statuses and their groupings come from the lifecycle table. */
export { JOB_STATUSES, ENDED_STATUSES } from './lifecycle.js';
export const STEP_STATUSES = ['pending', 'running', 'succeeded', 'failed', 'skipped', 'canceled'] as const;

export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'JOB_NOT_CANCELABLE',
  'JOB_NOT_RESUMABLE',
  'JOB_NOT_PAUSABLE',
  'JOB_ACTIVE',
  'JOB_NOT_PENDING',
  'METHOD_NOT_ALLOWED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'DISK_FULL',
  'STORAGE_READ_ONLY',
  'FARM_UNAVAILABLE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
