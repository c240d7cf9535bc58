import fs from 'node:fs';
import path from 'node:path';
import type { JobFiles } from './backend.js';
import { ORIGIN_FILE } from './data-dir.js';
import type { Failure } from './job-finalize.js';
import type { JobRecord } from './job-record.js';
import type { Journal } from './journal.js';
import { writeJobOrigin } from './record-rebuild.js';

/**
 * A failure whose real cause is that the job's folder (jobs/<id>) or its temp folder vanished
 * mid-render (removed by hand, by a cleaner, an unmounted drive): say so with JOB_FILES_MISSING,
 * and put the job folder back so the failure is recorded and the job can be resumed or deleted.
 * Any other failure is returned as it is.
 */
export async function explainMissingFiles(
  record: JobRecord,
  failure: Failure,
  deps: { files: JobFiles; journal: Pick<Journal, 'afterWrites'> },
): Promise<Failure> {
  const { files } = deps;
  const jobId = record.jobId;
  // job.json is always there for a created job (replaced atomically, never absent): if it is not, its folder went.
  const missing = [
    ...(fs.existsSync(path.join(files.jobDir(jobId), 'job.json')) ? [] : [files.jobDir(jobId)]),
    ...(fs.existsSync(files.tempDir(jobId)) ? [] : [files.tempDir(jobId)]),
  ];
  if (missing.length === 0 || failure.code === 'JOB_FILES_MISSING') return failure;
  if (missing.includes(files.jobDir(jobId))) {
    // Closes the event log's handle on the removed file first, so what follows lands in the new folder.
    await deps.journal
      .afterWrites(jobId, async () => {
        await fs.promises.mkdir(files.artifactsDir(jobId), { recursive: true });
        await writeJobOrigin(path.join(files.jobDir(jobId), ORIGIN_FILE), record);
      })
      .catch(() => undefined);
  }
  return {
    code: 'JOB_FILES_MISSING',
    message: `The job's files in ${missing.join(' and ')} vanished while it was running, so it stopped (${failure.message}).`,
    step: failure.step,
    suggestedActions: [
      'Resume the job to render what is missing again.',
      'Or delete the job; check that nothing else cleans or unmounts the data folder.',
    ],
    canResume: true,
  };
}
