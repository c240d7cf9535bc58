import { z } from 'zod';
import { ARTIFACT_NAME_PATTERN, JOB_ID_PATTERN } from '../../src-shared/constants.js';
import { JobStatusSchema } from '../../src-shared/job.js';
import { BulkDeletableStatusSchema, QueueOrderSchema } from '../../src-shared/queue.js';

/** A job id: checked before it is used for anything (no path is ever built from it unchecked). */
const JobIdSchema = z.string().regex(JOB_ID_PATTERN, `must match ${JOB_ID_PATTERN.source}`);

/** `{id}` of every `/api/jobs/{id}/...` route. */
export const JobIdParamsSchema = z.object({ id: JobIdSchema });

/** `{id}` and `{name}` of a job's file: a plain file name, never a path. */
export const JobFileParamsSchema = z.object({
  id: JobIdSchema,
  name: z.string().regex(ARTIFACT_NAME_PATTERN, 'must be a plain file name'),
});

/** An empty query value means "not given" (`?status=` from a form with nothing chosen). */
const emptyAsAbsent = (value: unknown): unknown => (value === '' ? undefined : value);

/** `GET /api/queue` query: `status`, `limit` 1–200 (default 50), `order` newest|run (default newest). */
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
  order: z.preprocess(emptyAsAbsent, QueueOrderSchema.default('newest')),
});

/** `DELETE /api/jobs?status=completed,canceled`: one or more ended statuses, comma-separated. */
export const DeleteJobsQuerySchema = z.object({
  status: z
    .string({ error: 'give the ended statuses to delete, e.g. status=completed,canceled' })
    .transform((text) => [...new Set(text.split(','))])
    .pipe(
      z
        .array(
          z.enum(BulkDeletableStatusSchema.options, {
            error: 'only ended jobs can be deleted in bulk: completed, failed or canceled',
          }),
        )
        .min(1),
    ),
});

/** Files take a cache-busting revision (`?r=3`) that the server ignores. */
export const FileQuerySchema = z.object({
  r: z.string().max(64).optional().describe('A cache-busting revision; ignored.'),
});

/** Event streams: `lastEventId` stands in for the header on a first connection (EventSource cannot set it). */
export const StreamQuerySchema = z.object({
  lastEventId: z.string().max(64).optional().describe('Last-Event-ID for a first connection'),
});
