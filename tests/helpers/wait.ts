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

/** Polls a condition on the next event-loop turns until true, or throws after `timeoutMs`. */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
