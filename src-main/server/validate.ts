import { z } from 'zod';
import { ARTIFACT_NAME_PATTERN, JOB_ID_PATTERN } from '../../src-shared/constants.js';
import { JobStatusSchema } from '../../src-shared/job.js';
import { HttpProblem } from './problem.js';

/** A route's `{id}`, checked before it is used for anything (no path is ever built from it unchecked). */
export function jobIdParam(params: unknown): string {
  const id = (params as { id?: unknown } | null)?.id;
  if (typeof id !== 'string' || !JOB_ID_PATTERN.test(id)) {
    throw new HttpProblem('VALIDATION_FAILED', 'The job id is not valid.', [
      { path: 'id', message: 'must match ^[A-Za-z0-9_-]{1,64}$' },
    ]);
  }
  return id;
}

/** A route's `{name}`: a plain file name, never a path. */
export function fileNameParam(params: unknown): string {
  const name = (params as { name?: unknown } | null)?.name;
  if (typeof name !== 'string' || !ARTIFACT_NAME_PATTERN.test(name)) {
    throw new HttpProblem('VALIDATION_FAILED', 'The file name is not valid.', [
      { path: 'name', message: 'must be a plain file name' },
    ]);
  }
  return name;
}

/** An empty query value means "not given" (`?status=` from a form with nothing chosen). */
const emptyAsAbsent = (value: unknown): unknown => (value === '' ? undefined : value);

/** `GET /api/queue` query: `status` one of the job statuses, `limit` an integer 1–200 (default 50). */
export const QueueQuerySchema = z.object({
  status: z.preprocess(emptyAsAbsent, JobStatusSchema.optional()),
  limit: z.preprocess(
    emptyAsAbsent,
    z
      .string()
      .regex(/^\d{1,4}$/, 'must be an integer from 1 to 200')
      .transform(Number)
      .pipe(z.number().int().min(1).max(200))
      .default(50),
  ),
});

/** Bodies of routes that take none must be empty (or an empty JSON object, which some clients always send). */
export function assertNoBody(body: unknown): void {
  if (body === undefined || body === null) return;
  if (typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length === 0) return;
  throw new HttpProblem('VALIDATION_FAILED', 'This route takes no request body.', [
    { path: '', message: 'must be empty' },
  ]);
}
