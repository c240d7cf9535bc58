/**
 * Moving a pending job in the farm's run order, with BullMQ's own means: job priorities.
 *
 * The run order is BullMQ's: its wait list first (priority 0: only jobs BullMQ itself put back,
 * such as a dead worker's), then its prioritized set by priority, first come first served within
 * one priority. Every job is queued at BACK_PRIORITY, so new and resumed jobs go last in the order
 * they came. A move gives the job a priority between its new neighbours'; when there is no room
 * (neighbours of one priority, as all jobs are until something moves), the jobs ahead of its new
 * place get priorities of their own, spread below the next job's, keeping their order. A job goes
 * to the bottom by being queued again at BACK_PRIORITY. The caller holds the farm's queue lock, so
 * two coordinators never plan from the same order.
 */
import type { Job as BullJob } from 'bullmq';
import type { MoveRequest } from '../../src-shared/queue.js';
import { EngineError } from '../engine/errors.js';
import { BACK_PRIORITY, type FarmJobData, type FarmQueue } from './farm-queue.js';

/** A pending job's BullMQ job as the order holds it. */
export interface QueuedJob {
  jobId: string;
  /** Its priority as the order sees it (0 in the wait list, whatever BullMQ's job says). */
  priority: number;
  bull: Pick<BullJob<FarmJobData>, 'changePriority'>;
}

/** What a move does: the moved job's new place (1-based among pending jobs) and the priorities that change, first to run first. */
export interface MovePlan {
  position: number;
  changes: Array<{ job: QueuedJob; priority: number }>;
}

const notPending = (message: string): EngineError => new EngineError('JOB_NOT_PENDING', message);

/** Where `request` puts `jobId` in `order` (pending jobs in run order), and how; changes nothing. */
export function planMove(order: readonly QueuedJob[], jobId: string, request: MoveRequest): MovePlan {
  const current = order.findIndex((q) => q.jobId === jobId);
  if (current < 0)
    throw notPending(`Job ${jobId} is not waiting in the farm's queue: only a job waiting in the queue can be moved.`);
  const moved = order[current]!;
  const others = order.filter((q) => q !== moved);
  let at: number; // index in `others` the job goes before
  if ('to' in request) at = request.to === 'top' ? 0 : others.length;
  else {
    const target = 'before' in request ? request.before : request.after;
    if (target === jobId) return { position: current + 1, changes: [] };
    const t = others.findIndex((q) => q.jobId === target);
    if (t < 0) throw notPending(`Job ${target} is not pending, so no job can be moved next to it.`);
    at = 'before' in request ? t : t + 1;
  }
  const position = at + 1;
  const next = others[at];
  // Last: queued again at the back, behind every job of the back priority.
  if (!next) return { position, changes: [{ job: moved, priority: BACK_PRIORITY }] };
  const prev = at > 0 ? others[at - 1]!.priority : 0;
  if (next.priority - prev >= 2) return { position, changes: [{ job: moved, priority: (prev + next.priority) >>> 1 }] };
  // Queued again at prev's priority, it goes behind prev, the last job of that priority.
  if (prev >= 1 && prev < next.priority) return { position, changes: [{ job: moved, priority: prev }] };
  // No room: the jobs ahead, and the moved one, get priorities of their own below next's (or, when
  // even those are too few, the whole queue is spread over every priority below the back one).
  const ahead = [...others.slice(0, at), moved];
  const spread = (jobs: QueuedJob[], below: number) =>
    jobs.map((job, i) => ({ job, priority: Math.floor(((i + 1) * below) / (jobs.length + 1)) }));
  const changes =
    next.priority > ahead.length
      ? spread(ahead, next.priority)
      : spread([...ahead, ...others.slice(at)], BACK_PRIORITY);
  // A job already at its new priority keeps its place: nothing else shares that priority now.
  return { position, changes: changes.filter((c) => c.job === moved || c.job.priority !== c.priority) };
}

/**
 * The pending jobs in BullMQ's run order, one entry per job (a job queued twice runs at its first
 * place; a worker drops the later BullMQ job). `pending` says which of the ids' records are pending.
 */
export async function readQueuedOrder(
  queue: FarmQueue,
  pending: (jobIds: string[]) => Promise<Set<string>>,
): Promise<QueuedJob[]> {
  const [waiting, prioritized] = await Promise.all([
    queue.queue.getRanges(['wait'], 0, -1, true),
    queue.queue.getRanges(['prioritized'], 0, -1, true),
  ]);
  const ids = [...waiting, ...prioritized];
  const jobs = await Promise.all(ids.map((id) => queue.queue.getJob(id)));
  const pendingIds = await pending([...new Set(jobs.flatMap((j) => (j ? [j.data.jobId] : [])))]);
  const seen = new Set<string>();
  const order: QueuedJob[] = [];
  jobs.forEach((bull, i) => {
    if (!bull || !pendingIds.has(bull.data.jobId) || seen.has(bull.data.jobId)) return;
    seen.add(bull.data.jobId);
    order.push({ jobId: bull.data.jobId, priority: i < waiting.length ? 0 : bull.priority, bull });
  });
  return order;
}

/**
 * Gives the jobs their new priorities, first to run first, all sent at once: a worker that takes
 * a job meanwhile takes it from a head that is already right or not yet changed. A job ahead that
 * a worker took and finished meanwhile (BullMQ no longer has it) needs no priority; the moved
 * job's own change must succeed.
 */
export async function applyMove(plan: MovePlan, movedJobId: string): Promise<void> {
  await Promise.all(
    plan.changes.map(({ job, priority }) =>
      job.bull.changePriority({ priority }).catch((error: unknown) => {
        if (job.jobId === movedJobId) throw error;
      }),
    ),
  );
}
