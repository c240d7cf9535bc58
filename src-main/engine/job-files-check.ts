import fs from 'node:fs';
import path from 'node:path';
import type { EventJournal, JobFiles } from './backend.js';
import type { Failure } from './job-finalize.js';
import type { JobRecord } from './job-record.js';

/**
 * Whether the job's own folder is gone: absent, or holding no file at all (the runner's mkdir of
 * artifacts/ may have put back an empty shell). A created job always has files there (its
 * record, first events, log).
 */
function jobFolderGone(dir: string): boolean {
  try {
    return !fs.readdirSync(dir, { withFileTypes: true }).some((e) => e.isFile());
  } catch {
    return true;
  }
}

/**
 * A failure whose real cause is that the job's folder (jobs/<id>) or its temp folder vanished
 * mid-render (removed by hand, by a cleaner, an unmounted drive): say so with JOB_FILES_MISSING,
 * and put the job folder back so the failure is recorded and the job can be resumed or deleted.
 * Any other failure is returned as it is.
 */
export async function explainMissingFiles(
  record: JobRecord,
  failure: Failure,
  deps: { files: JobFiles; journal: Pick<EventJournal, 'afterWrites'> },
): Promise<Failure> {
  const { files } = deps;
  const jobId = record.jobId;
  const missing = [
    ...(jobFolderGone(files.jobDir(jobId)) ? [files.jobDir(jobId)] : []),
    ...(fs.existsSync(files.tempDir(jobId)) ? [] : [files.tempDir(jobId)]),
  ];
  if (missing.length === 0 || failure.code === 'JOB_FILES_MISSING') return failure;
  if (missing.includes(files.jobDir(jobId))) {
    // Closes the event log's handle on the removed file first, so what follows lands in the new folder.
    await deps.journal
      .afterWrites(jobId, () => fs.promises.mkdir(files.artifactsDir(jobId), { recursive: true }))
      .catch(() => undefined);
  }
  return {
    code: 'JOB_FILES_MISSING',
    message: `The job's files in ${missing.map((d) => path.normalize(d)).join(' and ')} vanished while it was running, so it stopped (${failure.message}).`,
    step: failure.step,
    suggestedActions: [
      'Resume the job to render what is missing again.',
      'Or delete the job; check that nothing else cleans or unmounts the data folder.',
    ],
    canResume: true,
  };
}
