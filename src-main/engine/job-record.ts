import { z } from 'zod';
import { SCHEMA_VERSION } from '../../src-shared/constants.js';
import { JobSchema, type JobStatus } from '../../src-shared/job.js';
import { isActiveStatus } from '../../src-shared/lifecycle.js';
import type { RenderSpec } from '../../src-shared/spec.js';

/** job.json: what is on disk, apart from the runner's live state (STYLE.md: BullMQ's JobJson). */
export const JobRecordSchema = JobSchema.omit({
  artifactCount: true,
  hasErrors: true,
  position: true,
  renderSeconds: true,
  activeSince: true,
  expectedSeconds: true,
}).extend({
  schemaVersion: z.literal(SCHEMA_VERSION),
  /** Seq of the job's last logged event when this record was written. */
  lastEventSeq: z.number().int().nonnegative(),
  /** Set when the engine (not the user) paused the job at shutdown: it is re-queued on the next start. */
  resumeOnStart: z.boolean().default(false),
  /** Set for a record rebuilt from a job.json that could not be read; never written back. */
  damaged: z.boolean().default(false),
  /**
   * Run-order key while pending (smaller runs first; see pending-queue.ts). Absent in records
   * written before queue order existed: their creation time stands in, the order they ran in then.
   */
  queueKey: z.number().optional(),
});
export type JobRecord = z.infer<typeof JobRecordSchema>;

/** Whether the job still has a future (pending, running, paused: see the lifecycle table). */
export const isActive = (record: Pick<JobRecord, 'status'>): boolean => isActiveStatus(record.status);

/** The record's run-order key: its own, or its creation time for a record from before queue order. */
export const queueKeyOf = (record: Pick<JobRecord, 'queueKey' | 'createdAt'>): number =>
  record.queueKey ?? Date.parse(record.createdAt);

/** Newest first: createdAt descending, then id (ids are time-ordered). */
export const newestFirst = (a: JobRecord, b: JobRecord): number =>
  a.createdAt === b.createdAt ? (a.jobId < b.jobId ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1;

/** From records sorted newest first: those of `status` (any when undefined), at most `limit`. */
export function firstOfStatus(sorted: readonly JobRecord[], status: JobStatus | undefined, limit: number): JobRecord[] {
  const out: JobRecord[] = [];
  for (const r of sorted) {
    if (status && r.status !== status) continue;
    out.push(r);
    if (out.length >= limit) break;
  }
  return out;
}

/** A new pending job with its steps, as it is first written. */
export function newJobRecord(
  jobId: string,
  spec: RenderSpec,
  steps: ReadonlyArray<{ name: string; stage: string }>,
  createdAt: string,
): JobRecord {
  return {
    schemaVersion: SCHEMA_VERSION,
    jobId,
    title: spec.title,
    status: 'pending',
    stage: null,
    progressPct: 0,
    createdAt,
    startedAt: null,
    completedAt: null,
    canceledAt: null,
    endedAt: null,
    canResume: false,
    lastCompletedStep: null,
    steps: steps.map(({ name, stage }) => ({
      name,
      stage,
      status: 'pending',
      progressPct: 0,
      startedAt: null,
      endedAt: null,
    })),
    artifacts: [],
    error: null,
    warnings: [],
    attempts: 0,
    spec,
    machine: null,
    lastEventSeq: 0,
    resumeOnStart: false,
    damaged: false,
  };
}
