import type { JobFiles } from '../engine/backend.js';
import type { JobRecord } from '../engine/job-record.js';
import { damagedRecord } from '../engine/job-store.js';
import { replayEvents, withFilesOnDisk } from '../engine/record-rebuild.js';
import { parseRecord, type FarmStore } from './farm-store.js';

const REASON = 'its value in Redis is not a valid job record';

/**
 * A farm job whose stored record cannot be read (a damaged value in its hash), rebuilt as the
 * embedded engine rebuilds a torn job.json: its first record (the hash's `origin`) with the events
 * of its stream replayed over it, its artifacts as the shared folder has them. It is written back
 * (best effort: another machine may have mended it first). With no origin left it is a damaged
 * stand-in, listed as failed and deletable, never written over.
 */
export async function rebuildFarmRecord(store: FarmStore, files: JobFiles, jobId: string): Promise<JobRecord> {
  const { origin, lastSeq, createdAtMs } = await store.remains(jobId);
  const first = parseRecord(origin);
  if (!first) {
    const createdAt = new Date(createdAtMs ?? 0).toISOString();
    return { ...damagedRecord(jobId, REASON, createdAt), lastEventSeq: lastSeq };
  }
  const events = await store.readEvents(jobId, 0);
  const steps = first.steps.map(({ name, stage }) => ({ name, stage }));
  const record = replayEvents({ schemaVersion: 1, jobId, createdAt: first.createdAt, spec: first.spec, steps }, events);
  // A seq a damaged event was written with is never handed out again.
  record.lastEventSeq = Math.max(record.lastEventSeq, lastSeq);
  const lastStatus = events.findLast((e) => e.type === 'job-status');
  record.machine = lastStatus?.type === 'job-status' ? lastStatus.data.job.machine : null;
  withFilesOnDisk(record, files, REASON);
  await store.commit(record, [], lastSeq).catch(() => undefined);
  return record;
}
