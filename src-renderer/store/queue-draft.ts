import type { JobStatus, QueueStats } from '../../src-shared/job.js';
import { compareNewestFirst, type JobView, type QueueData } from './queue-state.js';

/**
 * A copy-on-first-write working copy of QueueData for one batch of events: the Map, the orders
 * and the stats are copied at most once per batch, however many events touch them, and the
 * published state gets new objects only where something changed.
 */
export class QueueDraft {
  private jobs: Map<string, JobView> | null = null;
  private order: string[] | null = null;
  private runOrder: string[] | null = null;
  private stats: QueueStats | null = null;
  private listChanged = false;
  cursorSeq: number | null;
  lastEventId: string | null;
  loaded: boolean;

  constructor(private readonly base: QueueData) {
    this.cursorSeq = base.cursorSeq;
    this.lastEventId = base.lastEventId;
    this.loaded = base.loaded;
  }

  get(jobId: string): JobView | undefined {
    return (this.jobs ?? this.base.jobs).get(jobId);
  }

  /** Replaces a known job's row, keeping the per-status counts and the run order right. */
  update(next: JobView): void {
    const prev = this.get(next.jobId);
    if (!prev) return;
    this.writableJobs().set(next.jobId, next);
    if (prev.status !== next.status) {
      const stats = this.writableStats();
      stats[prev.status] = Math.max(0, stats[prev.status] - 1);
      stats[next.status] += 1;
      this.listChanged = true;
    }
    if (next.status !== 'pending') {
      if (prev.status === 'pending') this.leaveRunOrder(next.jobId);
    } else if (prev.status !== 'pending' || next.position !== null) {
      this.placeInRunOrder(next.jobId, next.position);
    }
  }

  /** Adds a job not seen before at its place in the newest-first order (and the run order). */
  add(job: JobView): void {
    if (this.get(job.jobId)) return;
    this.writableJobs().set(job.jobId, job);
    const order = this.writableOrder();
    // New jobs are nearly always the newest: search from the front.
    let i = 0;
    while (i < order.length && compareNewestFirst(this.get(order[i]!)!, job) < 0) i++;
    order.splice(i, 0, job.jobId);
    const stats = this.writableStats();
    stats.total += 1;
    stats[job.status] += 1;
    if (job.status === 'pending') this.placeInRunOrder(job.jobId, job.position);
    this.listChanged = true;
  }

  remove(jobId: string): void {
    const prev = this.get(jobId);
    if (!prev) return;
    this.writableJobs().delete(jobId);
    const order = this.writableOrder();
    const at = order.indexOf(jobId);
    if (at >= 0) order.splice(at, 1);
    if (prev.status === 'pending') this.leaveRunOrder(jobId);
    const stats = this.writableStats();
    stats.total = Math.max(0, stats.total - 1);
    stats[prev.status] = Math.max(0, stats[prev.status] - 1);
    this.listChanged = true;
  }

  /**
   * Puts a pending job at its 1-based `position` (the server's word, e.g. after a move); a job
   * that comes back to the queue without one joins the end, as the engine queues it.
   */
  placeInRunOrder(jobId: string, position: number | null): void {
    const run = this.writableRunOrder();
    const at = run.indexOf(jobId);
    if (at >= 0) {
      if (position === null || position === at + 1) return;
      run.splice(at, 1);
    }
    const index = position === null ? run.length : Math.min(run.length, Math.max(0, position - 1));
    run.splice(index, 0, jobId);
    this.listChanged = true;
  }

  /** Throws everything away for a snapshot's complete picture. */
  reset(jobs: Map<string, JobView>, order: string[], runOrder: string[], stats: QueueStats): void {
    this.jobs = jobs;
    this.order = order;
    this.runOrder = runOrder;
    this.stats = { ...stats };
    this.listChanged = true;
  }

  /** The new state, or the base itself when nothing changed. */
  finish(): QueueData {
    const changed =
      this.jobs !== null ||
      this.order !== null ||
      this.runOrder !== null ||
      this.stats !== null ||
      this.cursorSeq !== this.base.cursorSeq ||
      this.loaded !== this.base.loaded;
    if (!changed) return this.base;
    const runOrder = this.runOrder ?? this.base.runOrder;
    return {
      jobs: this.jobs ?? this.base.jobs,
      order: this.order ?? this.base.order,
      runOrder,
      positions: this.runOrder ? new Map(runOrder.map((id, i) => [id, i + 1] as const)) : this.base.positions,
      stats: this.stats ?? this.base.stats,
      cursorSeq: this.cursorSeq,
      lastEventId: this.lastEventId,
      loaded: this.loaded,
      listEpoch: this.listChanged ? this.base.listEpoch + 1 : this.base.listEpoch,
    };
  }

  private leaveRunOrder(jobId: string): void {
    const run = this.writableRunOrder();
    const at = run.indexOf(jobId);
    if (at >= 0) run.splice(at, 1);
  }

  private writableJobs(): Map<string, JobView> {
    this.jobs ??= new Map(this.base.jobs);
    return this.jobs;
  }

  private writableOrder(): string[] {
    this.order ??= [...this.base.order];
    return this.order;
  }

  private writableRunOrder(): string[] {
    this.runOrder ??= [...this.base.runOrder];
    return this.runOrder;
  }

  private writableStats(): Record<JobStatus | 'total', number> {
    this.stats ??= { ...this.base.stats };
    return this.stats;
  }
}
