import { z } from 'zod';
import { JOB_STATUSES, STEP_STATUSES } from './constants.js';
import { RenderSpecSchema } from './spec.js';

export const JobStatusSchema = z.enum(JOB_STATUSES);
export type JobStatus = z.infer<typeof JobStatusSchema>;
export const StepStatusSchema = z.enum(STEP_STATUSES);
export type StepStatus = z.infer<typeof StepStatusSchema>;

const isoTime = z.string();
const nullableTime = isoTime.nullable();

export const StepStateSchema = z.object({
  name: z.string(),
  stage: z.string(),
  status: StepStatusSchema,
  progressPct: z.number().min(0).max(100),
  startedAt: nullableTime,
  endedAt: nullableTime,
});
export type StepState = z.infer<typeof StepStateSchema>;

export const ArtifactSchema = z.object({
  name: z.string(),
  type: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  createdAt: isoTime,
});
export type Artifact = z.infer<typeof ArtifactSchema>;

export const JobErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  step: z.string().nullable(),
  suggestedActions: z.array(z.string()),
  logTail: z.array(z.string()),
});
export type JobError = z.infer<typeof JobErrorSchema>;

export const JobWarningSchema = z.object({
  code: z.string(),
  message: z.string(),
  step: z.string().nullable(),
  at: isoTime,
});
export type JobWarning = z.infer<typeof JobWarningSchema>;

export const QueueItemSchema = z.object({
  jobId: z.string(),
  title: z.string(),
  status: JobStatusSchema,
  stage: z.string().nullable(),
  /** The job's percent done (one name on the wire: events, Job and Progress use it too). */
  progressPct: z.number().min(0).max(100),
  createdAt: isoTime,
  startedAt: nullableTime,
  completedAt: nullableTime,
  canceledAt: nullableTime,
  canResume: z.boolean(),
  artifactCount: z.number().int().nonnegative(),
  hasErrors: z.boolean(),
  /** 1-based place among pending jobs in run order; null for any other status. */
  position: z.number().int().positive().nullable(),
  /**
   * Seconds of render work recorded so far: the sum of the steps' own run times, so a pause or
   * a restart between attempts does not count ("Took 29 s").
   */
  renderSeconds: z.number().nonnegative(),
  /** When the step running now started (a running job's clock adds from here); null otherwise. */
  activeSince: nullableTime,
  /** The video length the spec is expected to make, in seconds (src-shared/video-length.ts). */
  expectedSeconds: z.number().nonnegative(),
  /**
   * The machine (farm worker name) that ran the job's latest attempt; null before it started and
   * on the embedded backend, where there is only this machine. Records written before it default to null.
   */
  machine: z.string().nullable().default(null),
});
export type QueueItem = z.infer<typeof QueueItemSchema>;

export const JobSchema = QueueItemSchema.extend({
  endedAt: nullableTime,
  lastCompletedStep: z.string().nullable(),
  steps: z.array(StepStateSchema),
  artifacts: z.array(ArtifactSchema),
  error: JobErrorSchema.nullable(),
  warnings: z.array(JobWarningSchema),
  attempts: z.number().int().nonnegative(),
  spec: RenderSpecSchema,
});
export type Job = z.infer<typeof JobSchema>;

export const QueueStatsSchema = z.object({
  total: z.number().int(),
  pending: z.number().int(),
  running: z.number().int(),
  paused: z.number().int(),
  completed: z.number().int(),
  failed: z.number().int(),
  canceled: z.number().int(),
});
export type QueueStats = z.infer<typeof QueueStatsSchema>;

/** GET /api/queue. `queuePaused`: the engine takes no new job from the queue (running ones go on). */
export const QueueResponseSchema = z.object({
  jobs: z.array(QueueItemSchema),
  stats: QueueStatsSchema,
  queuePaused: z.boolean(),
});
export type QueueResponse = z.infer<typeof QueueResponseSchema>;

export const ProgressSchema = z.object({
  jobId: z.string(),
  status: JobStatusSchema,
  stage: z.string().nullable(),
  progressPct: z.number().min(0).max(100),
  createdAt: isoTime,
  startedAt: nullableTime,
  completedAt: nullableTime,
  canceledAt: nullableTime,
  elapsedSeconds: z.number().nullable(),
  estimatedTotalSeconds: z.number().nullable(),
  remainingSeconds: z.number().nullable(),
  currentStep: z.object({ name: z.string(), status: StepStatusSchema, progressPct: z.number() }).nullable(),
  completedSteps: z.array(z.string()),
  canResume: z.boolean(),
  hasErrors: z.boolean(),
  hasWarnings: z.boolean(),
});
export type Progress = z.infer<typeof ProgressSchema>;

export const JobActionResponseSchema = z.object({ jobId: z.string(), status: JobStatusSchema });
export type JobActionResponse = z.infer<typeof JobActionResponseSchema>;

export const StorageStatsSchema = z.object({
  temp: z.object({ dirs: z.number().int(), bytes: z.number().int() }),
  proxy: z.object({ dirs: z.number().int(), bytes: z.number().int() }),
  artifacts: z.object({ jobs: z.number().int(), bytes: z.number().int() }),
});
export type StorageStats = z.infer<typeof StorageStatsSchema>;

export const SweepResultSchema = z.object({ tempRemoved: z.number().int(), proxyRemoved: z.number().int() });
export type SweepResult = z.infer<typeof SweepResultSchema>;

/** A problem with the engine's own state (e.g. `SETTINGS_CORRUPT`), reported by GET /api/health. */
export const EngineWarningSchema = z.object({ code: z.string(), message: z.string() });
export type EngineWarningData = z.infer<typeof EngineWarningSchema>;

export const HealthSchema = z.object({
  status: z.literal('ok'),
  version: z.string(),
  warnings: z.array(EngineWarningSchema),
});
export type Health = z.infer<typeof HealthSchema>;
