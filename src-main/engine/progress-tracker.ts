/** Minimum job progress made before an ETA is offered. */
const ETA_MIN_PCT = 1;
const ETA_MIN_SECONDS = 1;

/**
 * One attempt's progress: maps a step's 0–100 onto the job by the steps' weights,
 * never goes backwards, and estimates the time left from the observed rate.
 */
export class ProgressTracker {
  readonly #weights: number[];
  readonly #total: number;
  #jobPct: number;
  readonly #startPct: number;
  readonly #startMs: number;

  constructor(weights: number[], startPct: number, nowMs = Date.now()) {
    this.#weights = weights.map((w) => Math.max(0, w));
    this.#total = this.#weights.reduce((a, b) => a + b, 0) || 1;
    this.#jobPct = startPct;
    this.#startPct = startPct;
    this.#startMs = nowMs;
  }

  get startedMs(): number {
    return this.#startMs;
  }

  get jobPct(): number {
    return this.#jobPct;
  }

  /** Job percent when step `index` is at `stepPct`; monotonic within the attempt. */
  update(index: number, stepPct: number): number {
    const done = this.#weights.slice(0, index).reduce((a, b) => a + b, 0);
    const clamped = Math.min(100, Math.max(0, stepPct));
    const pct = ((done + ((this.#weights[index] ?? 0) * clamped) / 100) / this.#total) * 100;
    this.#jobPct = Math.max(this.#jobPct, Math.min(100, Math.round(pct * 100) / 100));
    return this.#jobPct;
  }

  /** Seconds left at the rate seen so far in this attempt; null until there is enough to say. */
  eta(nowMs = Date.now()): number | null {
    const elapsed = (nowMs - this.#startMs) / 1000;
    const gained = this.#jobPct - this.#startPct;
    if (elapsed < ETA_MIN_SECONDS || gained < ETA_MIN_PCT) return null;
    if (this.#jobPct >= 100) return 0;
    return Math.round(((100 - this.#jobPct) * elapsed) / gained);
  }
}
