import { hostname } from 'node:os';
import type { WorkerInfo } from '../../src-shared/queue.js';
import type { JobRecords } from './backend.js';

/**
 * GET /api/workers for the embedded engine: this machine alone, rendering its running jobs.
 * (A farm lists every worker from its registry instead.)
 */
export function embeddedWorker(
  records: Pick<JobRecords, 'list'>,
  concurrency: () => number,
  startedAt: string,
): () => Promise<WorkerInfo[]> {
  const host = hostname();
  return async () => [
    {
      name: host,
      host,
      pid: process.pid,
      startedAt,
      lastSeenAt: new Date().toISOString(),
      concurrency: concurrency(),
      running: records.list('running', Number.MAX_SAFE_INTEGER).map((r) => r.jobId),
    },
  ];
}
