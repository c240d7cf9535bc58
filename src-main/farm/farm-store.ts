import crypto from 'node:crypto';
import type { Redis } from 'ioredis';
import type { JobEvent } from '../../src-shared/events.js';
import { JobRecordSchema, type JobRecord } from '../engine/job-record.js';
import { ANNOUNCE_SCRIPT, COMMIT_SCRIPT, DELETE_SCRIPT, KEEP_ORIGIN_SCRIPT } from './commit-script.js';
import type { EngineEvent } from '../engine/engine-api.js';
import type { FarmKeys } from './farm-keys.js';

/** Another machine wrote the job since we read it (or it is gone): re-read before deciding again. */
export class FarmConflict extends Error {
  override readonly name = 'FarmConflict';
  constructor(
    readonly jobId: string,
    readonly actualLastSeq: number | null,
  ) {
    super(`Job ${jobId} changed on another machine (its last seq is ${actualLastSeq ?? 'gone'}).`);
  }
}

/** One entry of the global stream, parsed. */
export interface GlobalEntry {
  /** Farm-wide seq (the entry id's first part). */
  gseq: number;
  event?: JobEvent | EngineEvent;
  record?: JobRecord;
  deletedJobId?: string;
}

type FarmRedis = Redis & {
  auraCommit(...args: Array<string | number>): Promise<number>;
  auraDelete(...args: Array<string | number>): Promise<number>;
  auraAnnounce(...args: Array<string | number>): Promise<number>;
};

/** Parses a record from Redis; null when it is not a valid record (never crash the farm on one bad value). */
export function parseRecord(json: string | null | undefined): JobRecord | null {
  if (!json) return null;
  try {
    const parsed = JobRecordSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * A record from the global stream: written by our own commit script moments ago, so only its
 * shape is checked (a full schema parse per entry would cost more than the rest of the tail).
 */
function parseStreamRecord(json: string): JobRecord | undefined {
  try {
    const value = JSON.parse(json) as Partial<JobRecord> | null;
    const ok =
      typeof value?.jobId === 'string' && typeof value.status === 'string' && typeof value.lastEventSeq === 'number';
    return ok ? (value as JobRecord) : undefined;
  } catch {
    return undefined;
  }
}

/** A job stream's event; undefined for a damaged entry (a torn or garbled value: its seq stays used, the record's lastSeq says so). */
function parseEvent(json: string | undefined): JobEvent | undefined {
  try {
    const value = JSON.parse(json ?? '') as Partial<JobEvent> | null;
    return typeof value?.seq === 'number' && typeof value.type === 'string' ? (value as JobEvent) : undefined;
  } catch {
    return undefined;
  }
}

/** Parses an XRANGE/XREAD reply of the global stream. */
export function parseGlobalEntries(reply: Array<[string, string[]]>): GlobalEntry[] {
  return reply.map(([id, fields]) => {
    const entry: GlobalEntry = { gseq: Number(id.split('-')[0]) };
    for (let i = 0; i < fields.length; i += 2) {
      const value = fields[i + 1]!;
      if (fields[i] === 'e') entry.event = JSON.parse(value) as JobEvent | EngineEvent;
      else if (fields[i] === 'r') entry.record = parseStreamRecord(value);
      else if (fields[i] === 'd') entry.deletedJobId = value;
    }
    return entry;
  });
}

/** Job records and event streams of a farm, in Redis; every write is one atomic script. */
export class FarmStore {
  readonly #redis: FarmRedis;
  /** Commit ids: random per store, then counted (a random id per commit cost a crypto call each). */
  readonly #commitPrefix = crypto.randomBytes(8).toString('hex');
  #commits = 0;

  /**
   * @param repair makes a record for a job whose stored record cannot be read (farm-rebuild.ts);
   *   without it such a job is left out.
   */
  constructor(
    redis: Redis,
    readonly keys: FarmKeys,
    private readonly globalRetention: () => number,
    private readonly repair?: (jobId: string) => Promise<JobRecord | undefined>,
  ) {
    redis.defineCommand('auraCommit', { numberOfKeys: 5, lua: KEEP_ORIGIN_SCRIPT + COMMIT_SCRIPT });
    redis.defineCommand('auraDelete', { numberOfKeys: 5, lua: DELETE_SCRIPT });
    redis.defineCommand('auraAnnounce', { numberOfKeys: 2, lua: ANNOUNCE_SCRIPT });
    this.#redis = redis as FarmRedis;
  }

  #keysOf(jobId: string): string[] {
    const k = this.keys;
    return [k.job(jobId), k.jobEvents(jobId), k.globalEvents, k.globalSeq, k.jobs];
  }

  /**
   * Writes `events` (seqs already assigned, following `expectedLastSeq`) and the record, if the
   * job's last seq in Redis is still `expectedLastSeq` ('new': the job must not exist).
   * Throws FarmConflict otherwise. Returns the last global seq written.
   */
  async commit(record: JobRecord, events: JobEvent[], expectedLastSeq: number | 'new'): Promise<number> {
    const commitId = `${this.#commitPrefix}.${++this.#commits}`;
    try {
      return await this.#redis.auraCommit(
        ...this.#keysOf(record.jobId),
        String(expectedLastSeq),
        String(record.lastEventSeq),
        commitId,
        JSON.stringify(record),
        record.status,
        Date.parse(record.createdAt),
        record.jobId,
        this.globalRetention(),
        ...events.map((e) => JSON.stringify(e)),
      );
    } catch (error) {
      const m = /^CONFLICT (\S+)/.exec(error instanceof Error ? error.message : '');
      if (!m) throw error;
      throw new FarmConflict(record.jobId, m[1] === 'nil' ? null : Number(m[1]));
    }
  }

  /** The job's record as Redis has it now (repaired when it cannot be read); undefined when there is none. */
  async load(jobId: string): Promise<JobRecord | undefined> {
    const json = await this.#redis.hget(this.keys.job(jobId), 'record');
    if (json === null) return undefined;
    return parseRecord(json) ?? (await this.repair?.(jobId));
  }

  /** Every job's record (pipelined in batches); unreadable ones are skipped. */
  async loadAll(): Promise<JobRecord[]> {
    const ids = await this.#redis.zrange(this.keys.jobs, 0, -1);
    const records: JobRecord[] = [];
    for (let i = 0; i < ids.length; i += 1000) {
      const pipeline = this.#redis.pipeline();
      const batch = ids.slice(i, i + 1000);
      for (const id of batch) pipeline.hget(this.keys.job(id), 'record');
      for (const [n, [, value]] of ((await pipeline.exec()) ?? []).entries()) {
        const record = parseRecord(value as string | null) ?? (value ? await this.repair?.(batch[n]!) : undefined);
        if (record) records.push(record);
      }
    }
    return records;
  }

  /** Every event of the job with seq > afterSeq, in order: its stream's ids are the seqs. */
  async readEvents(jobId: string, afterSeq: number): Promise<JobEvent[]> {
    const reply = await this.#redis.xrange(this.keys.jobEvents(jobId), `(${afterSeq}-0`, '+');
    return reply.flatMap(([, fields]) => parseEvent(fields[1]) ?? []);
  }

  /** Removes the job's record and stream; announces `d` on the global stream. */
  async remove(jobId: string): Promise<number> {
    return this.#redis.auraDelete(...this.#keysOf(jobId), jobId, this.globalRetention());
  }

  /** Puts an event of no job (queue-status) on the global stream, for every coordinator. */
  announce(event: EngineEvent): Promise<number> {
    return this.#redis.auraAnnounce(
      this.keys.globalEvents,
      this.keys.globalSeq,
      JSON.stringify(event),
      this.globalRetention(),
    );
  }

  /** The farm's epoch: set once by the first coordinator, then the same for all. */
  async epoch(): Promise<number> {
    await this.#redis.set(this.keys.epoch, String(Date.now()), 'NX');
    return Number(await this.#redis.get(this.keys.epoch));
  }

  /** The last `count` global entries, oldest first, and the seq they follow. */
  async recentGlobal(count: number): Promise<{ after: number; entries: GlobalEntry[] }> {
    const reply = await this.#redis.xrevrange(this.keys.globalEvents, '+', '-', 'COUNT', count);
    const entries = parseGlobalEntries(reply.reverse());
    return { after: entries.length > 0 ? entries[0]!.gseq - 1 : await this.globalSeq(), entries };
  }

  /** What a damaged job's hash still holds: its first record (JSON), its last seq, its creation time (ms). */
  async remains(jobId: string): Promise<{ origin: string | null; lastSeq: number; createdAtMs: number | null }> {
    const [[origin, lastSeq], createdAt] = await Promise.all([
      this.#redis.hmget(this.keys.job(jobId), 'origin', 'lastSeq'),
      this.#redis.zscore(this.keys.jobs, jobId),
    ]);
    return {
      origin: origin ?? null,
      lastSeq: Number(lastSeq ?? 0),
      createdAtMs: createdAt === null ? null : Number(createdAt),
    };
  }

  /** The farm-wide seq of the last global entry (0 before the first). */
  async globalSeq(): Promise<number> {
    return Number((await this.#redis.get(this.keys.globalSeq)) ?? 0);
  }

  /** Global entries with gseq > after, oldest first, at most `count`. */
  async readGlobal(after: number, count = 1000): Promise<GlobalEntry[]> {
    const reply = await this.#redis.xrange(this.keys.globalEvents, `(${after}-0`, '+', 'COUNT', count);
    return parseGlobalEntries(reply);
  }
}
