import { z } from 'zod';
import { JOB_ID_PATTERN } from './constants.js';
import { JobStatusSchema } from './job.js';

/** GET /api/queue `order`: `newest` (default) or `run` (running, then pending in run order, then ended newest first). */
export const QueueOrderSchema = z.enum(['newest', 'run']);
export type QueueOrder = z.infer<typeof QueueOrderSchema>;

const jobIdSchema = z.string().regex(JOB_ID_PATTERN);

/** POST /api/jobs/{id}/move body: exactly one of `to`, `before`, `after`. */
export const MoveRequestSchema = z.union([
  z.strictObject({ to: z.enum(['top', 'bottom']) }),
  z.strictObject({ before: jobIdSchema }),
  z.strictObject({ after: jobIdSchema }),
]);
export type MoveRequest = z.infer<typeof MoveRequestSchema>;

/** POST /api/jobs/{id}/move answer: the job's new place among pending jobs (1-based). */
export const MoveResponseSchema = z.object({ jobId: z.string(), position: z.number().int().positive() });
export type MoveResponse = z.infer<typeof MoveResponseSchema>;

/** DELETE /api/jobs?status=completed,canceled answer. */
export const DeleteManyResponseSchema = z.object({ deleted: z.number().int().nonnegative() });
export type DeleteManyResponse = z.infer<typeof DeleteManyResponseSchema>;

/** `queue-status` event data (global stream) and POST /api/queue/pause|resume answer. */
export const QueueStatusSchema = z.object({
  queuePaused: z.boolean(),
  running: z.number().int().nonnegative(),
  pending: z.number().int().nonnegative(),
});
export type QueueStatus = z.infer<typeof QueueStatusSchema>;

/** One observation behind a diagnosis (e.g. `PROCESS_STOPPED`, `NO_CPU`, `DISK_NEARLY_FULL`). */
export const DiagnosisFindingSchema = z.object({ code: z.string(), message: z.string() });
export type DiagnosisFinding = z.infer<typeof DiagnosisFindingSchema>;

/** GET /api/jobs/{id}/diagnosis: why a job is stalled, or that it is healthy. */
export const DiagnosisSchema = z.object({
  jobId: z.string(),
  /** `healthy`, `stalled`, `idle` (not running), ... as the diagnosis module decides. */
  state: z.string(),
  /** One plain sentence. */
  summary: z.string(),
  findings: z.array(DiagnosisFindingSchema),
  suggestedActions: z.array(z.string()),
  checkedAt: z.string(),
});
export type Diagnosis = z.infer<typeof DiagnosisSchema>;

/** GET /api/workers: the machines that render (embedded: this one alone). */
export const WorkerInfoSchema = z.object({
  name: z.string(),
  host: z.string(),
  pid: z.number().int(),
  startedAt: z.string(),
  lastSeenAt: z.string(),
  concurrency: z.number().int().positive(),
  running: z.array(z.string()),
});
export type WorkerInfo = z.infer<typeof WorkerInfoSchema>;
export const WorkersResponseSchema = z.array(WorkerInfoSchema);

/** Statuses `DELETE /api/jobs?status=` accepts. */
export const BulkDeletableStatusSchema = JobStatusSchema.extract(['completed', 'failed', 'canceled']);
export type BulkDeletableStatus = z.infer<typeof BulkDeletableStatusSchema>;
