import os from 'node:os';
import type { Redis } from 'ioredis';
import { WorkerInfoSchema, type WorkerInfo } from '../../src-shared/queue.js';
import type { FarmKeys } from './farm-keys.js';

/** How often a worker says it is alive. */
export const HEARTBEAT_MS = 1000;
/** A worker silent for this long is no longer listed (it died or lost Redis). */
export const WORKER_GONE_MS = 5000;
/**
 * How long a change of the running set may wait before it is written: one job's end and the
 * next one's start then share a write, where a busy worker of short jobs wrote twice per job.
 */
export const RUNNING_CHANGE_MS = 25;

/** This worker's entry in the farm's registry, refreshed every heartbeat until stopped. */
export class WorkerHeartbeat {
  readonly #startedAt = new Date().toISOString();
  readonly #host = os.hostname();
  #timer: NodeJS.Timeout | undefined;
  #soon: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(
    private readonly redis: Redis,
    private readonly keys: FarmKeys,
    private readonly who: { name: string; concurrency: number; running: () => string[] },
  ) {}

  /** The entry as it is written now. */
  info(): WorkerInfo {
    return {
      name: this.who.name,
      host: this.#host,
      pid: process.pid,
      startedAt: this.#startedAt,
      lastSeenAt: new Date().toISOString(),
      concurrency: this.who.concurrency,
      running: this.who.running(),
    };
  }

  /** Writes the entry now (call it when the running set changes, too). */
  async beat(): Promise<void> {
    await this.redis.hset(this.keys.workers, this.who.name, JSON.stringify(this.info()));
  }

  /** Writes the entry within RUNNING_CHANGE_MS (the running set changed); never rejects. */
  beatSoon(): void {
    if (this.#soon || this.#stopped) return;
    this.#soon = setTimeout(() => {
      this.#soon = undefined;
      void this.beat().catch(() => undefined);
    }, RUNNING_CHANGE_MS);
    this.#soon.unref();
  }

  async start(): Promise<void> {
    await this.beat();
    this.#timer = setInterval(() => void this.beat().catch(() => undefined), HEARTBEAT_MS);
    this.#timer.unref();
  }

  /** Stops the heartbeat and removes the entry (a clean exit). */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#timer);
    clearTimeout(this.#soon);
    await this.redis.hdel(this.keys.workers, this.who.name).catch(() => undefined);
  }
}

/** The workers seen within WORKER_GONE_MS, by name. */
export async function listWorkers(redis: Redis, keys: FarmKeys, nowMs = Date.now()): Promise<WorkerInfo[]> {
  const entries = await redis.hgetall(keys.workers);
  const workers: WorkerInfo[] = [];
  for (const text of Object.values(entries)) {
    try {
      const parsed = WorkerInfoSchema.safeParse(JSON.parse(text));
      if (parsed.success && nowMs - Date.parse(parsed.data.lastSeenAt) < WORKER_GONE_MS) workers.push(parsed.data);
    } catch {
      // a damaged entry is skipped
    }
  }
  return workers.sort((a, b) => (a.name < b.name ? -1 : 1));
}
