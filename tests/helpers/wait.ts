import type { EngineApi, EngineEvent } from '../../src-main/engine/engine-api.js';

/** Resolves with the first engine event matching `predicate`, or rejects after `timeoutMs`. */
export function waitForEvent(
  engine: Pick<EngineApi, 'subscribe'>,
  predicate: (e: EngineEvent) => boolean,
  timeoutMs = 10_000,
): Promise<EngineEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no matching event within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = engine.subscribe((event) => {
      if (!predicate(event)) return;
      clearTimeout(timer);
      off();
      resolve(event);
    });
  });
}

/** Waits until a job reaches `status` (checks the current state first, then events). */
export async function waitForStatus(
  engine: EngineApi,
  jobId: string,
  status: string,
  timeoutMs = 10_000,
): Promise<void> {
  const pending = waitForEvent(
    engine,
    (e) => e.jobId === jobId && e.type === 'job-status' && e.data.status === status,
    timeoutMs,
  );
  if (engine.get(jobId)?.status === status) {
    pending.catch(() => undefined);
    return;
  }
  await pending;
}

/**
 * Polls `check` until it returns true, or throws after `timeoutMs` naming `what`. No fixed sleep
 * decides anything: the condition does (the 10 ms between polls only yields the event loop).
 * The one polling helper of every test, e2e included.
 */
export async function waitUntil(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
