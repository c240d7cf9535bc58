/** What the watchdog reports about one running step. */
export interface StallReport {
  jobId: string;
  step: string;
  silentSeconds: number;
}

export interface StallWatchdogOptions {
  warningSeconds: () => number;
  timeoutSeconds: () => number;
  onWarning: (report: StallReport) => void;
  onTimeout: (report: StallReport) => void;
  /** How often to look; default 1000 ms. */
  intervalMs?: number;
}

interface Watched {
  step: string;
  lastProgressMs: number;
  warned: boolean;
}

/** Notices running steps that make no progress: a warning first, then a timeout. */
export class StallWatchdog {
  #watched = new Map<string, Watched>();
  #timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: StallWatchdogOptions) {}

  /** Starts (or restarts) watching a job's step. */
  watch(jobId: string, step: string): void {
    this.#watched.set(jobId, { step, lastProgressMs: Date.now(), warned: false });
    this.#timer ??= setInterval(() => this.check(), this.options.intervalMs ?? 1000).unref();
  }

  /** The step showed life: progress resets the clock. */
  alive(jobId: string): void {
    const w = this.#watched.get(jobId);
    if (w) {
      w.lastProgressMs = Date.now();
      w.warned = false;
    }
  }

  /** The watched step of a job and how long it has been silent; null when none is watched. */
  silence(jobId: string, nowMs = Date.now()): { step: string; silentSeconds: number } | null {
    const w = this.#watched.get(jobId);
    return w ? { step: w.step, silentSeconds: (nowMs - w.lastProgressMs) / 1000 } : null;
  }

  unwatch(jobId: string): void {
    this.#watched.delete(jobId);
    if (this.#watched.size === 0) this.stop();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  /** One look at every watched step (the timer calls this). */
  check(nowMs = Date.now()): void {
    for (const [jobId, w] of this.#watched) {
      const silentSeconds = (nowMs - w.lastProgressMs) / 1000;
      const report = { jobId, step: w.step, silentSeconds: Math.round(silentSeconds) };
      if (silentSeconds >= this.options.timeoutSeconds()) {
        this.#watched.delete(jobId);
        this.options.onTimeout(report);
      } else if (!w.warned && silentSeconds >= this.options.warningSeconds()) {
        w.warned = true;
        this.options.onWarning(report);
      }
    }
  }
}
