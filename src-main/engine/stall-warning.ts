import type { Diagnosis } from '../../src-shared/queue.js';
import type { EventJournal, JobRecords } from './backend.js';
import type { JobLogs } from './job-log.js';
import type { JobRecord } from './job-record.js';
import type { StallReport } from './stall-watchdog.js';

export interface StallWarningDeps {
  records: JobRecords;
  journal: EventJournal;
  logs: JobLogs;
  /** Explains the stall (job-diagnosis.ts); its summary is the warning's first sentence. */
  diagnose: (record: JobRecord) => Promise<Diagnosis>;
}

/**
 * The watchdog's warning for a silent step: the diagnosis' sentence plus the last log lines,
 * kept on the job and logged as a `warning` event (while the job still runs).
 */
export function stallWarningHandler(deps: StallWarningDeps): (report: StallReport) => void {
  const { records, journal, logs, diagnose } = deps;
  return ({ jobId, step, silentSeconds }) => {
    const record = records.get(jobId);
    if (!record) return;
    void diagnose(record)
      .then((d) => d.summary)
      .catch(() => `The ${step} step has shown no progress for ${silentSeconds} s.`)
      .then((summary) => {
        if (record.status !== 'running') return;
        const last = logs.tail(jobId, 5);
        const message = `${summary}${last.length ? ` Last log lines: ${last.join(' | ')}` : ' It has logged nothing yet.'}`;
        record.warnings.push({ code: 'STALL_SUSPECTED', message, step, at: new Date().toISOString() });
        return journal.commit(
          record,
          [{ type: 'warning', data: { jobId, code: 'STALL_SUSPECTED', message, step } }],
          'none',
        );
      });
  };
}
