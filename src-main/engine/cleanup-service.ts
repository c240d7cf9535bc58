import fs from 'node:fs/promises';
import path from 'node:path';
import type { StorageStats, SweepResult } from '../../src-shared/job.js';
import type { JobFiles } from './backend.js';
import { isActive, type JobRecord } from './job-record.js';

export interface CleanupDeps {
  files: JobFiles;
  getJob(jobId: string): JobRecord | undefined;
  /** Called after a job's temp folder was swept (its checkpoints are gone). */
  onTempSwept(jobId: string): Promise<void>;
  retention(): { tempHours: number; proxyHours: number };
}

async function dirSize(dir: string): Promise<number> {
  let total = 0;
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) total += await dirSize(full);
    else
      total += await fs.stat(full).then(
        (s) => s.size,
        () => 0,
      );
  }
  return total;
}

/** Newest mtime of a folder and its direct entries: when it was last worked in. */
async function lastTouchedMs(dir: string): Promise<number> {
  let newest = await fs.stat(dir).then(
    (s) => s.mtimeMs,
    () => 0,
  );
  for (const name of await fs.readdir(dir).catch(() => [])) {
    newest = Math.max(
      newest,
      await fs.stat(path.join(dir, name)).then(
        (s) => s.mtimeMs,
        () => 0,
      ),
    );
  }
  return newest;
}

/** Removes what jobs no longer need, and never a pending, running or paused job's files. */
export class CleanupService {
  constructor(private readonly deps: CleanupDeps) {}

  /** Everything of the job: its folder (record, log, artifacts), temp and proxy. */
  async cleanupJob(jobId: string): Promise<void> {
    await Promise.all([
      fs.rm(this.deps.files.jobDir(jobId), { recursive: true, force: true }),
      this.cleanupJobTemp(jobId),
      this.cleanupJobProxies(jobId),
    ]);
  }

  // On the thread pool: removing entries waits for the file system's journal, which the
  // commit log's fsyncs keep busy, and the loop must not wait with it.
  async cleanupJobTemp(jobId: string): Promise<void> {
    await fs.rm(this.deps.files.tempDir(jobId), { recursive: true, force: true });
  }

  async cleanupJobProxies(jobId: string): Promise<void> {
    await fs.rm(this.deps.files.proxyDir(jobId), { recursive: true, force: true });
  }

  async sweepOrphanedTemp(maxAgeHours: number): Promise<number> {
    const removed = await this.#sweep(this.deps.files.tempRoot, maxAgeHours);
    for (const jobId of removed) await this.deps.onTempSwept(jobId);
    return removed.length;
  }

  async sweepOrphanedProxies(maxAgeHours: number): Promise<number> {
    return (await this.#sweep(this.deps.files.proxyRoot, maxAgeHours)).length;
  }

  /** Both sweeps with the configured retention. */
  async sweepAllOrphaned(): Promise<SweepResult> {
    const { tempHours, proxyHours } = this.deps.retention();
    return {
      tempRemoved: await this.sweepOrphanedTemp(tempHours),
      proxyRemoved: await this.sweepOrphanedProxies(proxyHours),
    };
  }

  async #sweep(root: string, maxAgeHours: number): Promise<string[]> {
    const cutoff = Date.now() - maxAgeHours * 3_600_000;
    const removed: string[] = [];
    for (const entry of await fs.readdir(root, { withFileTypes: true }).catch(() => [])) {
      if (!entry.isDirectory()) continue;
      const job = this.deps.getJob(entry.name);
      if (job && isActive(job)) continue;
      const dir = path.join(root, entry.name);
      if ((await lastTouchedMs(dir)) > cutoff) continue;
      // Look again right before removing: the job may have been resumed meanwhile.
      const now = this.deps.getJob(entry.name);
      if (now && isActive(now)) continue;
      await fs.rm(dir, { recursive: true, force: true });
      removed.push(entry.name);
    }
    return removed;
  }

  async getStorageStats(): Promise<StorageStats> {
    const measure = async (root: string) => {
      const dirs = (await fs.readdir(root, { withFileTypes: true }).catch(() => [])).filter((d) => d.isDirectory());
      const sizes = await Promise.all(dirs.map((d) => dirSize(path.join(root, d.name))));
      return { dirs: dirs.length, sizes };
    };
    const [temp, proxy] = await Promise.all([measure(this.deps.files.tempRoot), measure(this.deps.files.proxyRoot)]);
    const jobDirs = (await fs.readdir(this.deps.files.jobsDir).catch(() => [])) as string[];
    const artifactSizes = await Promise.all(jobDirs.map((id) => dirSize(this.deps.files.artifactsDir(id))));
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    return {
      temp: { dirs: temp.dirs, bytes: sum(temp.sizes) },
      proxy: { dirs: proxy.dirs, bytes: sum(proxy.sizes) },
      artifacts: { jobs: artifactSizes.filter((b) => b > 0).length, bytes: sum(artifactSizes) },
    };
  }
}

/** Sweeps after an initial delay, then at an interval; restartable when settings change. */
export class CleanupTimer {
  #timer: NodeJS.Timeout | null = null;
  /** Bumped by every start/stop, so a sweep that ends after a restart does not schedule a second chain. */
  #generation = 0;
  #inFlight: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly sweep: () => Promise<unknown>,
    private readonly schedule: () => { initialDelayMinutes: number; intervalMinutes: number },
  ) {}

  get running(): boolean {
    return this.#timer !== null;
  }

  start(): void {
    this.stop();
    const generation = this.#generation;
    const tick = (delayMs: number) => {
      this.#timer = setTimeout(() => {
        this.#inFlight = this.sweep()
          .catch(() => undefined)
          .finally(() => {
            if (generation === this.#generation) tick(this.schedule().intervalMinutes * 60_000);
          });
      }, delayMs).unref();
    };
    tick(this.schedule().initialDelayMinutes * 60_000);
  }

  stop(): void {
    this.#generation++;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  /** Stops the timer and waits for a sweep that is running. */
  async close(): Promise<void> {
    this.stop();
    await this.#inFlight;
  }
}
