import type { Redis } from 'ioredis';
import type { FarmKeys } from './farm-keys.js';

/**
 * BullMQ's lock and stall timing for the whole farm. A shorter lock finds a dead worker sooner
 * but lets a worker that merely paused (a GC pause, a slow disk, Redis briefly away) lose its job
 * to another machine; the stall check runs every `stalledIntervalMs` on every worker.
 */
export interface FarmTuning {
  /** @default 30000 */
  lockMs: number;
  /** @default 30000 */
  stalledIntervalMs: number;
  /** Entries the global stream keeps for replay (past them a client gets a queue-snapshot). @default 100000 */
  eventRetention: number;
}

export const DEFAULT_TUNING: FarmTuning = { lockMs: 30_000, stalledIntervalMs: 30_000, eventRetention: 100_000 };

/** Publishes the tuning for workers that start later (a coordinator does, from its settings). */
export async function writeTuning(redis: Redis, keys: FarmKeys, tuning: FarmTuning): Promise<void> {
  await redis.hset(keys.config, { ...tuning });
}

/** The farm's tuning as published, else the defaults. */
export async function readTuning(redis: Redis, keys: FarmKeys): Promise<FarmTuning> {
  const raw = await redis.hgetall(keys.config);
  const num = (v: string | undefined, fallback: number) => (v && Number(v) > 0 ? Number(v) : fallback);
  return {
    lockMs: num(raw.lockMs, DEFAULT_TUNING.lockMs),
    stalledIntervalMs: num(raw.stalledIntervalMs, DEFAULT_TUNING.stalledIntervalMs),
    eventRetention: num(raw.eventRetention, DEFAULT_TUNING.eventRetention),
  };
}
