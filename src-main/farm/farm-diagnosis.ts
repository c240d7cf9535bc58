import type { Diagnosis } from '../../src-shared/queue.js';
import type { JobRecord } from '../engine/job-record.js';
import type { listWorkers } from './worker-registry.js';

/** Why a farm job is stuck: a running job no live worker claims has lost its machine. */
export async function diagnoseFarmJob(
  record: JobRecord,
  workers: () => Promise<Awaited<ReturnType<typeof listWorkers>>>,
): Promise<Diagnosis> {
  const checkedAt = new Date().toISOString();
  const base = { jobId: record.jobId, checkedAt };
  if (record.status !== 'running')
    return { ...base, state: 'idle', summary: `The job is ${record.status}.`, findings: [], suggestedActions: [] };
  const owner = (await workers()).find((w) => w.running.includes(record.jobId));
  if (owner)
    return {
      ...base,
      state: 'healthy',
      summary: `The job is rendering on ${owner.name}.`,
      findings: [],
      suggestedActions: [],
    };
  return {
    ...base,
    state: 'stalled',
    summary: 'No machine of the farm claims this job: its worker stopped; another one takes it over shortly.',
    findings: [{ code: 'WORKER_GONE', message: 'No live worker lists this job as running.' }],
    suggestedActions: ['Wait for the stalled-job check to hand it to another worker, or start a worker.'],
  };
}
