import type { CleanupService } from './cleanup-service.js';
import type { EventJournal, JobFiles, PendingEvent } from './backend.js';
import type { AttemptOutcome } from './job-execution.js';
import { explainMissingFiles } from './job-files-check.js';
import type { JobLogs } from './job-log.js';
import type { JobRecord } from './job-record.js';
import { transition } from './job-transition.js';
import { statusEvent } from './job-views.js';
import { storageErrorOf } from './storage-errors.js';
import type { JobErrorCode } from '../../src-shared/job-codes.js';
import type { Settings } from '../../src-shared/settings.js';

export interface FinalizeDeps {
  files: JobFiles;
  journal: EventJournal;
  logs: JobLogs;
  cleanup: CleanupService;
  settings: () => Settings;
}

const nowIso = () => new Date().toISOString();

/**
 * Writes how an attempt ended: completed, canceled (temp and proxy removed), paused, or failed.
 * When that cannot be written, the record goes back to running, as the disk still has it, so
 * the runner can record the write failure as the attempt's end.
 */
export async function finalizeAttempt(record: JobRecord, outcome: AttemptOutcome, deps: FinalizeDeps): Promise<void> {
  const before = structuredClone(record);
  try {
    await writeOutcome(record, outcome, deps);
  } catch (error) {
    Object.assign(record, before); // a rollback of an unwritten transition, not a transition
    throw error;
  }
}

async function writeOutcome(record: JobRecord, outcome: AttemptOutcome, deps: FinalizeDeps): Promise<void> {
  const jobId = record.jobId;
  const now = nowIso();
  if (outcome.kind === 'completed') {
    transition(record, 'complete', {}, now);
    // The video (the pipeline lists it first; a test step may list anything).
    const output = record.artifacts.find((a) => a.type === 'video/mp4') ?? record.artifacts[0];
    const outputPath = output ? `${deps.files.artifactsDir(jobId)}/${output.name}` : null;
    // Temp goes before the completion is told. A folder that will not go does not undo a
    // completed render: the cleanup sweep takes it later.
    await deps.cleanup.cleanupJobTemp(jobId).catch((error: unknown) => {
      const why = error instanceof Error ? error.message : String(error);
      deps.logs.append(jobId, `[${now}] WARN Could not remove the temp folder (${why}); the cleanup sweep will.`);
    });
    await deps.journal.commit(
      record,
      [statusEvent(record), { type: 'job-completed', data: { jobId, artifacts: record.artifacts, outputPath } }],
      'log',
    );
    return;
  }
  const reason = outcome.kind === 'aborted' ? outcome.reason : null;
  if (reason === 'cancel') {
    await recordCancel(record, deps);
    return;
  }
  if (reason === 'pause' || reason === 'shutdown') {
    for (const s of record.steps) if (s.status === 'running') Object.assign(s, { status: 'pending', endedAt: null });
    transition(record, 'pause', { resumeOnStart: reason === 'shutdown' });
    const note: PendingEvent[] =
      reason === 'shutdown'
        ? [
            {
              type: 'job-log',
              data: {
                jobId,
                level: 'info',
                message: 'Paused because Aura Studio is closing; it resumes on the next start.',
              },
            },
          ]
        : [];
    await deps.journal.commit(record, [...note, statusEvent(record)], 'log');
    return;
  }
  const failure =
    outcome.kind === 'failed'
      ? outcome
      : { step: record.steps.find((s) => s.status === 'running')?.name ?? null, error: null };
  const error = failure.error;
  await recordFailure(
    record,
    {
      code: error?.code ?? 'STALLED',
      message:
        error?.message ??
        `The ${failure.step ?? 'current'} step made no progress for ${deps.settings().stallTimeoutSeconds} s and was stopped.`,
      step: failure.step,
      suggestedActions: error?.suggestedActions ?? [
        'Look at the job log to see where it stopped, then resume the job.',
      ],
      canResume: error ? error.retryable : true,
    },
    deps,
  );
}

/** A failed job whose temp folder was swept has lost its checkpoints: it can no longer resume. */
export async function recordCheckpointsSwept(record: JobRecord | undefined, journal: EventJournal): Promise<void> {
  if (record?.status !== 'failed' || !record.canResume) return;
  record.canResume = false;
  await journal.ensureOpen(record);
  await journal.commit(record, [statusEvent(record)], 'log');
}

/** What went wrong, as the job's `error` and its `job-failed` event say it. */
export interface Failure {
  code: JobErrorCode;
  message: string;
  step: string | null;
  suggestedActions: string[];
  canResume: boolean;
}

/** Marks the job (and its step) failed, then writes it and its `job-failed` event. */
export async function recordFailure(record: JobRecord, failure: Failure, deps: FinalizeDeps): Promise<void> {
  const { code, message, step, suggestedActions, canResume } = await explainMissingFiles(record, failure, deps);
  const now = nowIso();
  for (const s of record.steps) if (s.name === step) Object.assign(s, { status: 'failed', endedAt: now });
  transition(
    record,
    'fail',
    { error: { code, message, step, suggestedActions, logTail: deps.logs.tail(record.jobId) }, canResume },
    now,
  );
  await deps.journal.commit(
    record,
    [
      statusEvent(record),
      { type: 'job-failed', data: { jobId: record.jobId, step, error: { code, message, suggestedActions } } },
    ],
    'log',
  );
}

/**
 * A state transition could not be written (a full disk, a vanished folder): the job fails with
 * WRITE_FAILED, resumable, as far as the disk allows. Never rejects: the state is right in memory,
 * and start-up re-checks the rest.
 */
export async function recordWriteFailure(record: JobRecord, error: unknown, deps: FinalizeDeps): Promise<void> {
  // A full or read-only disk is said as such (how much is free), not as a raw errno.
  const why = storageErrorOf(error, deps.files.jobDir(record.jobId)) ?? error;
  const message = `Aura Studio could not write this job's state: ${why instanceof Error ? why.message : String(why)}`;
  deps.logs.append(record.jobId, `[${nowIso()}] ERROR ${message}`);
  const suggestedActions = ['Free some disk space, then resume the job.'];
  await recordFailure(
    record,
    { code: 'WRITE_FAILED', message, step: null, canResume: true, suggestedActions },
    deps,
  ).catch(() => undefined);
}

/** Marks the job canceled (its unfinished steps too), removes its temp and proxy files, and writes it. */
export async function recordCancel(record: JobRecord, deps: FinalizeDeps): Promise<void> {
  const now = nowIso();
  for (const s of record.steps) {
    if (s.status === 'running' || s.status === 'pending')
      Object.assign(s, { status: 'canceled', endedAt: s.status === 'running' ? now : null });
  }
  transition(record, 'cancel', {}, now);
  // Recorded first, removed after: a cancel the disk refused leaves the job's checkpoints as they were.
  await deps.journal.commit(
    record,
    [statusEvent(record), { type: 'job-canceled', data: { jobId: record.jobId } }],
    'log',
  );
  await Promise.all([deps.cleanup.cleanupJobTemp(record.jobId), deps.cleanup.cleanupJobProxies(record.jobId)]);
}
