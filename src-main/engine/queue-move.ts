import { can } from '../../src-shared/lifecycle.js';
import type { MoveRequest, MoveResponse } from '../../src-shared/queue.js';
import type { EventJournal, JobRecords, PendingQueue } from './backend.js';
import { EngineError } from './errors.js';
import { statusEvent } from './job-views.js';

export interface MoveDeps {
  records: JobRecords;
  queue: PendingQueue;
  journal: EventJournal;
}

/**
 * Moves a pending job in the run order. Its new key (and, after a renumbering, every changed
 * key) is on disk before this resolves; the moved job's own event tells every client.
 */
export async function moveJob(deps: MoveDeps, jobId: string, request: MoveRequest): Promise<MoveResponse> {
  const { records, queue, journal } = deps;
  const record = records.get(jobId);
  if (!record) throw new EngineError('NOT_FOUND', `There is no job ${jobId}.`);
  if (!can(record.status, 'move'))
    throw new EngineError(
      'JOB_NOT_PENDING',
      `Job ${jobId} is ${record.status}: only a job waiting in the queue can be moved.`,
    );
  const placement = queue.place(jobId, request);
  const keys = placement.kind === 'key' ? [{ jobId, key: placement.key }] : placement.keys;
  const changed = keys.flatMap(({ jobId: id, key }) => {
    const r = records.get(id);
    if (!r || r.queueKey === key) return [];
    r.queueKey = key;
    queue.insert(id, key);
    return [r];
  });
  // Read now: once the writes are awaited, the job may already have started.
  const position = queue.position(jobId) ?? 1;
  // Renumbered neighbours keep their relative order: their keys are saved without an event.
  await Promise.all(changed.map((r) => journal.commit(r, r === record ? [statusEvent(r, position)] : [], 'record')));
  return { jobId, position };
}
