import { z } from 'zod';
import { QueueStatusSchema } from './queue.js';
import {
  ArtifactSchema,
  JobErrorSchema,
  JobStatusSchema,
  QueueItemSchema,
  QueueStatsSchema,
  StepStateSchema,
  StepStatusSchema,
  type Job,
} from './job.js';

export const EVENT_TYPES = [
  'job-created',
  'job-status',
  'step-status',
  'step-progress',
  'job-log',
  'warning',
  'job-completed',
  'job-failed',
  'job-canceled',
  'job-deleted',
  'queue-snapshot',
  'queue-status',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];
/** Events of the whole queue (global stream only): no job, no per-job seq. */
export type QueueEventType = 'queue-snapshot' | 'queue-status';
/** Events of one job: logged in its events.jsonl (all but `job-deleted`) with its own seq. */
export type JobEventType = Exclude<EventType, QueueEventType>;

export const JobCreatedDataSchema = z.object({ job: QueueItemSchema });
/**
 * A status change, carrying the job as the engine recorded it: its queue row (`job`), its steps,
 * its error and when it ended. A view replaces what it shows with these; it never re-derives them.
 */
export const JobStatusDataSchema = z.object({
  jobId: z.string(),
  status: JobStatusSchema,
  stage: z.string().nullable(),
  progressPct: z.number(),
  canResume: z.boolean(),
  job: QueueItemSchema,
  steps: z.array(StepStateSchema),
  error: JobErrorSchema.nullable(),
  endedAt: z.string().nullable(),
});
export type JobStatusData = z.infer<typeof JobStatusDataSchema>;
/** A step started or ended: the step as recorded (`progressPct` is the step's) and the job's row. */
export const StepStatusDataSchema = z.object({
  jobId: z.string(),
  step: z.string(),
  stage: z.string(),
  status: StepStatusSchema,
  progressPct: z.number(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  job: QueueItemSchema,
});
export const StepProgressDataSchema = z.object({
  jobId: z.string(),
  step: z.string(),
  stage: z.string(),
  progressPct: z.number(),
  jobProgressPct: z.number(),
  etaSeconds: z.number().nullable(),
  message: z.string().optional(),
});
export const JobLogDataSchema = z.object({
  jobId: z.string(),
  level: z.enum(['debug', 'info', 'warn', 'error']),
  message: z.string(),
});
export const WarningDataSchema = z.object({
  jobId: z.string(),
  code: z.string(),
  message: z.string(),
  step: z.string().optional(),
});
export const JobCompletedDataSchema = z.object({
  jobId: z.string(),
  artifacts: z.array(ArtifactSchema),
  outputPath: z.string().nullable(),
});
export const JobFailedDataSchema = z.object({
  jobId: z.string(),
  step: z.string().nullable(),
  error: z.object({ code: z.string(), message: z.string(), suggestedActions: z.array(z.string()) }),
});
export const JobCanceledDataSchema = z.object({ jobId: z.string() });
export const JobDeletedDataSchema = z.object({ jobId: z.string() });
export const QueueSnapshotDataSchema = z.object({ jobs: z.array(QueueItemSchema), stats: QueueStatsSchema });

/** The `job-status` data of a job as the wire shows it (engine events and the per-job stream's snapshot). */
export function jobStatusData(job: Job): JobStatusData {
  const {
    spec: _spec,
    steps,
    error,
    endedAt,
    artifacts: _a,
    warnings: _w,
    lastCompletedStep: _l,
    attempts: _n,
    ...item
  } = job;
  return {
    jobId: job.jobId,
    status: job.status,
    stage: job.stage,
    progressPct: job.progressPct,
    canResume: job.canResume,
    job: item,
    // Copies: the engine's record is changed in place as the job goes on; an event is a moment.
    steps: steps.map((s) => ({ ...s })),
    error: error && { ...error, suggestedActions: [...error.suggestedActions], logTail: [...error.logTail] },
    endedAt,
  };
}

/** `data` schema of every SSE event type: the renderer parses every frame with these. */
export const EVENT_DATA_SCHEMAS = {
  'job-created': JobCreatedDataSchema,
  'job-status': JobStatusDataSchema,
  'step-status': StepStatusDataSchema,
  'step-progress': StepProgressDataSchema,
  'job-log': JobLogDataSchema,
  warning: WarningDataSchema,
  'job-completed': JobCompletedDataSchema,
  'job-failed': JobFailedDataSchema,
  'job-canceled': JobCanceledDataSchema,
  'job-deleted': JobDeletedDataSchema,
  'queue-snapshot': QueueSnapshotDataSchema,
  'queue-status': QueueStatusSchema,
} as const satisfies Record<EventType, z.ZodType>;

export type EventDataMap = { [K in EventType]: z.infer<(typeof EVENT_DATA_SCHEMAS)[K]> };

/** One event of a job as the engine emits it and as a line of events.jsonl stores it. */
export type JobEvent<K extends JobEventType = JobEventType> = {
  [T in K]: {
    /** The job's own event number, from 1, never repeated. */
    seq: number;
    /** Unix milliseconds when it was appended. */
    ts: number;
    jobId: string;
    type: T;
    data: EventDataMap[T];
  };
}[K];

/** Events that end a job's stream. */
export const TERMINAL_EVENT_TYPES: ReadonlySet<EventType> = new Set(['job-completed', 'job-failed', 'job-canceled']);

/** SSE `id:` of an event: `<unixMs>-<seq>`. */
export function formatEventId(ts: number, seq: number): string {
  return `${ts}-${seq}`;
}

/** Parses a Last-Event-ID; null for anything that is not `<unixMs>-<seq>`. */
export function parseEventId(id: string | null | undefined): { ts: number; seq: number } | null {
  if (!id) return null;
  const m = /^(\d{1,16})-(\d{1,16})$/.exec(id.trim());
  if (!m) return null;
  return { ts: Number(m[1]), seq: Number(m[2]) };
}
