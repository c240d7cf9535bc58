import crypto from 'node:crypto';
import type { Redis } from 'ioredis';
import { UNLOCK_SCRIPT } from './commit-script.js';

/** How long a sweep may hold the lock before another machine may take it (a crashed holder). */
const LOCK_MS = 10 * 60_000;

/**
 * Runs `task` only if no other machine of the farm is sweeping the shared folder right now
 * (SET NX PX; released only by its holder). Returns undefined when another machine holds it.
 */
export async function withSweepLock<T>(redis: Redis, key: string, task: () => Promise<T>): Promise<T | undefined> {
  const token = crypto.randomBytes(12).toString('hex');
  if ((await redis.set(key, token, 'PX', LOCK_MS, 'NX')) !== 'OK') return undefined;
  try {
    return await task();
  } finally {
    await redis.eval(UNLOCK_SCRIPT, 1, key, token).catch(() => undefined);
  }
}
