/**
 * A coordinator's copy of the farm's run order, so `position` is read synchronously. The order
 * itself is BullMQ's (the wait list, then the prioritized set by priority: see farm-move.ts); this
 * copy is read from Redis at start and after every move, and in between follows the records: a
 * job that becomes pending was just queued at the back, a job that leaves pending is out of it.
 */
export class RunOrder {
  /** Job ids in run order; may still hold ids that are no longer pending (skipped when read). */
  #order = new Map<string, true>();
  /** The pending ids of #order, and each one's index, worked out on the first read after a change. */
  #pending: string[] | null = null;
  #index: Map<string, number> | null = null;

  constructor(private readonly isPending: (jobId: string) => boolean) {}

  /**
   * Takes BullMQ's order as just read (job ids, first to run first). Ids the copy holds that the
   * read did not see were queued after it: they stay behind it, in the order they came. Only
   * pending jobs are kept (BullMQ still holds a canceled job's entry until a worker drops it); a
   * job this coordinator has not heard of yet joins at the back when it does, as a new job should.
   */
  replace(ids: Iterable<string>): void {
    const next = new Map<string, true>();
    for (const id of ids) if (this.isPending(id)) next.set(id, true);
    for (const id of this.#order.keys()) if (this.isPending(id)) next.set(id, true);
    this.#order = next;
    this.#changed();
  }

  /** Adds the ids the copy does not hold yet, behind the others (a reload of every record). */
  know(ids: Iterable<string>): void {
    for (const id of ids) if (!this.#order.has(id)) this.#order.set(id, true);
    this.#changed();
  }

  /** The job was just queued: it runs after every job queued before it. */
  queued(jobId: string): void {
    this.#order.delete(jobId);
    this.#order.set(jobId, true);
    // Appending keeps every other place: no recount for the common case (a create).
    if (this.#pending && this.#index && !this.#index.has(jobId)) {
      this.#index.set(jobId, this.#pending.length);
      this.#pending.push(jobId);
    } else this.#changed();
  }

  /** The job left the queue (it started, was canceled, deleted). */
  left(jobId: string): void {
    if (this.#order.delete(jobId)) this.#changed();
  }

  /** Pending ids in run order, at most `limit`. */
  ids(limit = Infinity): string[] {
    return this.#count().pending.slice(0, limit);
  }

  /** 1-based place among pending jobs; null for a job that is not pending. */
  position(jobId: string): number | null {
    const i = this.#count().index.get(jobId);
    return i === undefined ? null : i + 1;
  }

  get size(): number {
    return this.#count().pending.length;
  }

  #changed(): void {
    this.#pending = null;
    this.#index = null;
  }

  #count(): { pending: string[]; index: Map<string, number> } {
    if (!this.#pending || !this.#index) {
      this.#pending = [...this.#order.keys()].filter((id) => this.isPending(id));
      this.#index = new Map(this.#pending.map((id, i) => [id, i]));
    }
    return { pending: this.#pending, index: this.#index };
  }
}
