import type { CleanupService } from './cleanup-service.js';
import type { DataLayout } from './data-dir.js';
import type { AttemptOutcome } from './job-execution.js';
import type { JobLogs } from './job-log.js';
import type { JobRecord } from './job-record.js';
import { statusEvent } from './job-views.js';
import type { Journal, PendingEvent } from './journal.js';
import type { Settings } from '../../src-shared/settings.js';

export interface FinalizeDeps {
  layout: DataLayout;
  journal: Journal;
  logs: JobLogs;
  cleanup: CleanupService;
  settings: () => Settings;
}

const nowIso = () => new Date().toISOString();

/** Writes how an attempt ended: completed, canceled (temp and proxy removed), paused, or failed. */
export async function finalizeAttempt(record: JobRecord, outcome: AttemptOutcome, deps: FinalizeDeps): Promise<void> {
  const jobId = record.jobId;
  const now = nowIso();
  const interrupted = (stepStatus: 'pending' | 'canceled') => {
    for (const s of record.steps)
      if (s.status === 'running')
        Object.assign(s, { status: stepStatus, endedAt: stepStatus === 'canceled' ? now : null });
  };
  if (outcome.kind === 'completed') {
    Object.assign(record, {
      status: 'completed',
      completedAt: now,
      endedAt: now,
      progressPct: 100,
      canResume: false,
    });
    await deps.cleanup.cleanupJobTemp(jobId);
    const output = record.artifacts.find((a) => a.name === 'output.mp4') ?? record.artifacts[0];
    const outputPath = output ? `${deps.layout.artifactsDir(jobId)}/${output.name}` : null;
    await deps.journal.commit(
      record,
      [statusEvent(record), { type: 'job-completed', data: { jobId, artifacts: record.artifacts, outputPath } }],
      'record',
    );
    return;
  }
  const reason = outcome.kind === 'aborted' ? outcome.reason : null;
  if (reason === 'cancel') {
    interrupted('canceled');
    Object.assign(record, { status: 'canceled', canceledAt: now, endedAt: now, canResume: false });
    await Promise.all([deps.cleanup.cleanupJobTemp(jobId), deps.cleanup.cleanupJobProxies(jobId)]);
    await deps.journal.commit(record, [statusEvent(record), { type: 'job-canceled', data: { jobId } }], 'record');
    return;
  }
  if (reason === 'pause' || reason === 'shutdown') {
    interrupted('pending');
    Object.assign(record, { status: 'paused', canResume: true, resumeOnStart: reason === 'shutdown' });
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
    await deps.journal.commit(record, [...note, statusEvent(record)], 'record');
    return;
  }
  const failure =
    outcome.kind === 'failed'
      ? outcome
      : { step: record.steps.find((s) => s.status === 'running')?.name ?? null, error: null };
  const stepName = failure.step;
  const error = failure.error;
  for (const s of record.steps) if (s.name === stepName) Object.assign(s, { status: 'failed', endedAt: now });
  const code = error?.code ?? 'STALLED';
  const message =
    error?.message ??
    `The ${stepName ?? 'current'} step made no progress for ${deps.settings().stallTimeoutSeconds} s and was stopped.`;
  const suggestedActions = error?.suggestedActions ?? [
    'Look at the job log to see where it stopped, then resume the job.',
  ];
  Object.assign(record, {
    status: 'failed',
    endedAt: now,
    canResume: error ? error.retryable : true,
    error: { code, message, step: stepName, suggestedActions, logTail: deps.logs.tail(jobId) },
  });
  await deps.journal.commit(
    record,
    [
      statusEvent(record),
      { type: 'job-failed', data: { jobId, step: stepName, error: { code, message, suggestedActions } } },
    ],
    'record',
  );
}
