import { PRIORITY_LIMIT, Queue } from 'bullmq';
import type { FarmUrl } from './farm-url.js';
import { farmRedisOptions } from './farm-connection.js';
import type { FarmKeys } from './farm-keys.js';

/** What a BullMQ job of the farm carries: only our job id (the record lives in its own hash). */
export interface FarmJobData {
  jobId: string;
}

/**
 * The priority every job is queued with: the back of the run order, first come first served
 * within it. A move gives a job a smaller one to run sooner (farm-move.ts).
 */
export const BACK_PRIORITY = PRIORITY_LIMIT;

/**
 * The farm's pending queue: a BullMQ queue. Each enqueue is a fresh BullMQ job whose id is
 * `<jobId>.<seq>` (the record's last seq when it was queued), so a job re-queued by a stopping
 * worker never collides with the BullMQ job it is still finishing. A BullMQ job whose record is
 * no longer pending when a worker takes it (canceled meanwhile) is dropped by that worker.
 */
export class FarmQueue {
  readonly queue: Queue<FarmJobData>;

  constructor(url: FarmUrl, keys: FarmKeys) {
    this.queue = new Queue<FarmJobData>(keys.queueName, {
      connection: farmRedisOptions(url, 'aura-queue'),
      defaultJobOptions: { removeOnComplete: true, removeOnFail: true, attempts: 1 },
    });
    this.queue.on('error', () => undefined); // the link's state is what the API reports
  }

  /** Queues the job to run; `seq` makes the BullMQ id unique per enqueue. */
  async enqueue(jobId: string, seq: number): Promise<void> {
    await this.queue.add('render', { jobId }, { jobId: `${jobId}.${seq}`, priority: BACK_PRIORITY });
  }

  /** Best effort: a waiting BullMQ job of a canceled or deleted job (a worker would drop it anyway). */
  async discard(jobId: string, seq: number): Promise<void> {
    await this.queue.remove(`${jobId}.${seq}`).catch(() => 0);
  }

  pause(): Promise<void> {
    return this.queue.pause();
  }

  resume(): Promise<void> {
    return this.queue.resume();
  }

  isPaused(): Promise<boolean> {
    return this.queue.isPaused();
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
