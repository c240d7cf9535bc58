import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MoveRequest } from '../../src-shared/queue.js';
import { BACK_PRIORITY } from '../../src-main/farm/farm-queue.js';
import { applyMove, planMove, type QueuedJob } from '../../src-main/farm/farm-move.js';

/**
 * planMove against a model of how BullMQ orders jobs (its wait list first, then by priority, first
 * come first served within one; a priority change queues the job again behind its new priority's
 * jobs), checked against the plain list every move is defined by. The moves' real effect on
 * BullMQ and Redis is tested through the API (farm-api.test.ts).
 */
class BullModel {
  #counter = 0;
  readonly entries = new Map<string, { priority: number; counter: number; waiting: boolean }>();

  add(jobId: string, priority: number, waiting = false): void {
    this.entries.set(jobId, { priority, counter: ++this.#counter, waiting });
  }

  order(): QueuedJob[] {
    return [...this.entries]
      .sort(([, a], [, b]) =>
        a.waiting !== b.waiting
          ? a.waiting
            ? -1
            : 1
          : a.waiting
            ? a.counter - b.counter
            : a.priority - b.priority || a.counter - b.counter,
      )
      .map(([jobId, e]) => ({
        jobId,
        priority: e.waiting ? 0 : e.priority,
        bull: {
          changePriority: ({ priority }: { priority?: number }) => {
            expect(priority).toBeGreaterThanOrEqual(1);
            expect(priority).toBeLessThanOrEqual(BACK_PRIORITY);
            this.add(jobId, priority!);
            return Promise.resolve();
          },
        },
      }));
  }
}

/** The order a move is defined by. */
function expected(ids: string[], jobId: string, request: MoveRequest): string[] {
  if ('before' in request && request.before === jobId) return ids;
  if ('after' in request && request.after === jobId) return ids;
  const others = ids.filter((id) => id !== jobId);
  let at: number;
  if ('to' in request) at = request.to === 'top' ? 0 : others.length;
  else if ('before' in request) at = others.indexOf(request.before);
  else at = others.indexOf(request.after) + 1;
  return [...others.slice(0, at), jobId, ...others.slice(at)];
}

/** Plans a move on the model's order and applies it, as the coordinator does on BullMQ's. */
async function moveIn(bull: BullModel, jobId: string, request: MoveRequest): Promise<void> {
  await applyMove(planMove(bull.order(), jobId, request), jobId);
}

const request = (n: number) =>
  fc.oneof(
    fc.constantFrom<MoveRequest>({ to: 'top' }, { to: 'bottom' }),
    fc.nat(n - 1).map((t): MoveRequest => ({ before: `j${t}` })),
    fc.nat(n - 1).map((t): MoveRequest => ({ after: `j${t}` })),
  );

describe('planMove (BullMQ priorities as the run order)', () => {
  it('every sequence of moves and new jobs leaves BullMQ running them in the order the moves define', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.tuple(fc.nat(7), request(8), fc.boolean()), { maxLength: 40 }),
        async (n, moves) => {
          const bull = new BullModel();
          let ids: string[] = [];
          let next = 0;
          const queue = () => {
            const id = `j${next++}`;
            bull.add(id, BACK_PRIORITY);
            ids.push(id);
          };
          for (let i = 0; i < n; i++) queue();
          for (const [pick, move, thenQueue] of moves) {
            const jobId = `j${pick % next}`;
            const target = 'before' in move ? move.before : 'after' in move ? move.after : undefined;
            if (target !== undefined && !ids.includes(target)) continue;
            const plan = planMove(bull.order(), jobId, move);
            await applyMove(plan, jobId);
            ids = expected(ids, jobId, move);
            expect(bull.order().map((q) => q.jobId)).toEqual(ids);
            expect(plan.position).toBe(ids.indexOf(jobId) + 1);
            if (thenQueue) queue(); // a new job still goes last
          }
          expect(bull.order().map((q) => q.jobId)).toEqual(ids);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('moves past jobs BullMQ put back in its wait list (a dead worker’s), and past a crowded priority', async () => {
    const bull = new BullModel();
    bull.add('w1', BACK_PRIORITY, true);
    bull.add('w2', BACK_PRIORITY, true);
    for (const id of ['a', 'b']) bull.add(id, 1);
    bull.add('c', 2);
    await moveIn(bull, 'c', { to: 'top' });
    expect(bull.order().map((q) => q.jobId)).toEqual(['c', 'w1', 'w2', 'a', 'b']);
    await moveIn(bull, 'b', { before: 'a' });
    expect(bull.order().map((q) => q.jobId)).toEqual(['c', 'w1', 'w2', 'b', 'a']);
  });

  it('gives the queue fresh priorities when halving the gap into one place runs out', async () => {
    const bull = new BullModel();
    let ids = ['first', ...Array.from({ length: 30 }, (_, i) => `j${i}`)];
    for (const id of ids) bull.add(id, BACK_PRIORITY);
    await moveIn(bull, 'first', { to: 'top' });
    await moveIn(bull, 'j0', { after: 'first' });
    ids = ['first', 'j0', ...ids.slice(2)];
    // Each job squeezed in right after `first` halves the gap between `first` and the job behind it.
    for (let i = 1; i < 30; i++) {
      await moveIn(bull, `j${i}`, { after: 'first' });
      ids = expected(ids, `j${i}`, { after: 'first' });
      expect(bull.order().map((q) => q.jobId)).toEqual(ids);
    }
  });

  it('a job ahead that a worker finished meanwhile needs no priority; the moved job’s own change must succeed', async () => {
    const gone = { changePriority: () => Promise.reject(new Error('Missing key for job')) };
    const plan = {
      position: 2,
      changes: [
        { job: { jobId: 'done', priority: 5, bull: gone }, priority: 1 },
        { job: { jobId: 'moved', priority: 5, bull: { changePriority: () => Promise.resolve() } }, priority: 2 },
      ],
    };
    await expect(applyMove(plan, 'moved')).resolves.toBeUndefined();
    await expect(applyMove(plan, 'done')).rejects.toThrow('Missing key');
  });

  it('refuses a job or a target that is not queued', () => {
    const bull = new BullModel();
    bull.add('a', BACK_PRIORITY);
    expect(() => planMove(bull.order(), 'x', { to: 'top' })).toThrow(
      expect.objectContaining({ code: 'JOB_NOT_PENDING' }),
    );
    expect(() => planMove(bull.order(), 'a', { after: 'x' })).toThrow(
      expect.objectContaining({ code: 'JOB_NOT_PENDING' }),
    );
  });
});
