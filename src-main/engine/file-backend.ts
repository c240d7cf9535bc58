import fs from 'node:fs';
import type { BackendContext, EngineBackend } from './backend.js';
import { CommitLog } from './commit-log.js';
import { replayCommitLog } from './commit-log-replay.js';
import { DataLayout } from './data-dir.js';
import { EventBus } from './event-bus.js';
import { EventLog } from './event-log.js';
import { JobStore } from './job-store.js';
import { Journal } from './journal.js';
import { KeyedPendingQueue } from './pending-queue.js';

/**
 * The embedded default: job.json + events.jsonl per job under `<data>/jobs`, made durable by one
 * write-ahead commit log (group commit), temp and proxy folders beside them, the run order as each pending record's `queueKey`, and an in-process bus
 * as the global feed (one process owns the data dir: its lock says so).
 */
export async function openFileBackend(context: BackendContext): Promise<EngineBackend> {
  const files = new DataLayout(context.dataDir);
  for (const dir of [files.jobsDir, files.tempRoot, files.proxyRoot]) fs.mkdirSync(dir, { recursive: true });
  // What a crash or power cut left in the commit log goes back into the jobs' files first.
  const lastSegment = await replayCommitLog(files.commitLogDir, files);
  const commitLog = CommitLog.open(files.commitLogDir, files, lastSegment);
  const records = await JobStore.open(files, commitLog);
  const journal = new Journal(
    records,
    new EventLog((id) => files.eventsFile(id)),
    commitLog,
    new EventBus(),
    context.onWriteError,
  );
  return {
    records,
    queue: new KeyedPendingQueue(),
    journal,
    files,
    // After the journal's drain: every job's files synced, the log emptied for the next start.
    close: () => commitLog.close(),
  };
}
