import crypto from 'node:crypto';
import type { Redis } from 'ioredis';
import { UNLOCK_SCRIPT } from './commit-script.js';

/** How long a sweep may hold the lock before another machine may take it (a crashed holder). */
const SWEEP_LOCK_MS = 10 * 60_000;
/** Between two tries for a lock another machine holds. */
const RETRY_MS = 20;

/** Takes the farm-wide lock `key` for `holdMs` (SET NX PX); its token, or undefined when another machine holds it. */
async function tryLock(redis: Redis, key: string, holdMs: number): Promise<string | undefined> {
  const token = crypto.randomBytes(12).toString('hex');
  return (await redis.set(key, token, 'PX', holdMs, 'NX')) === 'OK' ? token : undefined;
}

async function runAndRelease<T>(redis: Redis, key: string, token: string, task: () => Promise<T>): Promise<T> {
  try {
    return await task();
  } finally {
    // Released only by its holder: a lock that expired and was taken by another machine stays theirs.
    await redis.eval(UNLOCK_SCRIPT, 1, key, token).catch(() => undefined);
  }
}

/**
 * Runs `task` only if no other machine of the farm is sweeping the shared folder right now.
 * Returns undefined when another machine holds the lock (its sweep does the work).
 */
export async function withSweepLock<T>(redis: Redis, key: string, task: () => Promise<T>): Promise<T | undefined> {
  const token = await tryLock(redis, key, SWEEP_LOCK_MS);
  return token === undefined ? undefined : runAndRelease(redis, key, token, task);
}

/**
 * Runs `task` once this machine holds `key`, waiting for another holder for up to `waitMs`
 * (each machine's turn is short: a queue move). `busy` makes the error when the wait runs out.
 */
export async function withLockWaiting<T>(
  redis: Redis,
  key: string,
  times: { holdMs: number; waitMs: number },
  busy: () => Error,
  task: () => Promise<T>,
): Promise<T> {
  const deadline = Date.now() + times.waitMs;
  for (;;) {
    const token = await tryLock(redis, key, times.holdMs);
    if (token !== undefined) return runAndRelease(redis, key, token, task);
    if (Date.now() > deadline) throw busy();
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
  }
}
