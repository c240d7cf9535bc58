/**
 * The backend contract: one set of tests every engine backend must pass (lifecycle, ordering,
 * replay, crash recovery, corrupt data), run through the real engine on the backend under test.
 * A backend's test file calls describeBackendContract with a harness that makes a fresh store and
 * says how an engine is opened on it, here and in another process: the embedded engine on a
 * BackendFactory, or the farm's own engine (a coordinator with its worker) on Redis.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine, EngineOptions } from '../../../src-main/engine/engine.js';
import type { EngineEvent } from '../../../src-main/engine/engine-api.js';
import type { JobEvent } from '../../../src-shared/events.js';
import { testSpec, testSteps } from '../../helpers/test-steps.js';
import { waitForStatus, waitUntil } from '../../helpers/wait.js';

/** What a contract test asks of the engine it opens. */
export type ContractEngineOptions = Pick<EngineOptions, 'steps' | 'runQueuedJobs'>;

/** One fresh, empty store of the backend under test. */
export interface BackendInstance {
  /** The engine's own data dir (settings, lock; for the file backend: everything). */
  dataDir: string;
  /** Opens an engine on the store (`runQueuedJobs: false`: it renders nothing). */
  open(options: ContractEngineOptions): Promise<Engine>;
  /**
   * How tests/helpers/engine-child.ts opens the same store in another process (crash tests): the
   * environment it gets (AURA_TEST_ENGINE_MODULE and what that module reads), or {} for the file backend.
   */
  childEnv: Record<string, string>;
  /** Damages a job's stored record as a torn write or a bad sector would (the engine is closed). */
  corruptRecord(jobId: string): Promise<void>;
  /** Cuts a job's last stored event in half, as a crash mid-append would (the engine is closed). */
  tearLastEvent(jobId: string): Promise<void>;
  /** Removes everything the instance made. */
  destroy(): Promise<void>;
}

export interface BackendHarness {
  create(): Promise<BackendInstance>;
}

const CHILD = path.resolve(import.meta.dirname, '../../helpers/engine-child.ts');

/** Registers the contract's tests for one backend. */
export function describeBackendContract(name: string, harness: BackendHarness): void {
  describe(`backend contract: ${name}`, () => {
    let instance: BackendInstance;
    let engine: Engine | undefined;
    let child: ChildProcess | undefined;

    const open = async (options: Partial<ContractEngineOptions> = {}): Promise<Engine> => {
      await engine?.close();
      engine = undefined;
      engine = await instance.open({ steps: testSteps(), ...options });
      return engine;
    };
    const close = async () => {
      await engine?.close();
      engine = undefined;
    };
    const completed = async (e: Engine, title: string) => {
      const { jobId } = await e.create(testSpec(title));
      await waitForStatus(e, jobId, 'completed', 20_000);
      return jobId;
    };

    beforeEach(async () => {
      instance = await harness.create();
    });
    afterEach(async () => {
      child?.kill('SIGKILL');
      child = undefined;
      await close();
      await instance.destroy();
    });

    it('lifecycle: a job runs to completed, and its record and events are the same after a reopen', async () => {
      const e = await open();
      const jobId = await completed(e, 'Lifecycle');
      const job = e.get(jobId)!;
      const events = await e.readEvents(jobId, 0);
      expect(job).toMatchObject({ status: 'completed', progressPct: 100, attempts: 1 });
      expect(events.map((ev) => ev.seq)).toEqual(events.map((_, i) => i + 1));
      expect(events[0]!.type).toBe('job-created');
      expect(events.at(-1)!.type).toBe('job-completed');
      expect(e.lastSeq(jobId)).toBe(events.length);

      const again = await open();
      expect(again.get(jobId)).toEqual(job);
      expect(await again.readEvents(jobId, 0)).toEqual(events);
      expect(again.stats()).toMatchObject({ total: 1, completed: 1 });
      await again.delete(jobId);
      expect(again.get(jobId)).toBeUndefined();
      expect((await open()).get(jobId)).toBeUndefined();
    });

    it('ordering: pending jobs keep their moved order across a reopen and run in it', async () => {
      let e = await open();
      e.pauseQueue();
      const ids: string[] = [];
      for (const title of ['A', 'B', 'C']) ids.push((await e.create(testSpec(title))).jobId);
      const told: Array<number | null> = [];
      const offTold = e.subscribe((ev) => {
        if (ev.type === 'job-status' && ev.data.status === 'pending') told.push(ev.data.job.position);
      });
      expect(await e.move(ids[2]!, { to: 'top' })).toEqual({ jobId: ids[2], position: 1 });
      expect(await e.move(ids[0]!, { after: ids[1]! })).toEqual({ jobId: ids[0], position: 3 });
      const order = () => e.list({ order: 'run' }).map((j) => `${j.title}:${j.position}`);
      expect(order()).toEqual(['C:1', 'B:2', 'A:3']);
      expect(e.get(ids[0]!)!.position).toBe(3);
      // Each moved job's own event says its new place.
      await waitUntil('both moves told', () => told.length === 2, 5000);
      expect(told).toEqual([1, 3]);
      offTold();

      e = await open({ runQueuedJobs: false });
      expect(order()).toEqual(['C:1', 'B:2', 'A:3']);
      e = await open();
      const started: string[] = [];
      e.subscribe((ev) => {
        if (ev.type === 'job-status' && ev.data.status === 'running') started.push(ev.jobId);
      });
      // Whether a queue pause outlives the engine is the backend's (a farm's is farm-wide): lift it.
      e.resumeQueue();
      await waitUntil('three completed jobs', () => e.stats().completed === 3, 20_000);
      expect(['C', ...started.map((id) => e.get(id)!.title)].slice(-3)).toEqual(['C', 'B', 'A']);
    });

    it('replay: events after any seq are exact, emitted in seq order, and seqs continue after a reopen', async () => {
      const e = await open();
      const live: EngineEvent[] = [];
      e.subscribe((ev) => live.push(ev));
      const jobId = await completed(e, 'Replay');
      const all = await e.readEvents(jobId, 0);
      expect(live.filter((ev) => ev.jobId === jobId)).toEqual(all);
      for (const after of [0, 1, Math.floor(all.length / 2), all.length - 1, all.length])
        expect(await e.readEvents(jobId, after)).toEqual(all.slice(after));

      const again = await open();
      expect(again.lastSeq(jobId)).toBe(all.length);
      await again.delete(jobId);
      const second = await completed(again, 'After reopen');
      const seqs = (await again.readEvents(second, 0)).map((ev) => ev.seq);
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    });

    it('crash recovery: a job whose engine is killed mid-step resumes and completes, its log gapless', async () => {
      const proc = spawn(process.execPath, ['--import', 'tsx', CHILD, instance.dataDir, 'create'], {
        stdio: ['ignore', 'pipe', 'inherit'],
        env: { ...process.env, ...instance.childEnv },
      });
      child = proc;
      const midStep = await new Promise<JobEvent>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the child never reached the work step')), 20_000);
        readline.createInterface({ input: proc.stdout! }).on('line', (line) => {
          const ev = JSON.parse(line) as JobEvent;
          if (ev.type === 'step-progress' && ev.data.step === 'work' && ev.data.progressPct >= 50) {
            clearTimeout(timer);
            resolve(ev);
          }
        });
        proc.once('exit', (code) => reject(new Error(`the child exited early (${code})`)));
      });
      await new Promise<void>((resolve) => {
        proc.once('exit', () => resolve());
        proc.kill('SIGKILL');
      });
      child = undefined;

      const e = await open();
      await waitForStatus(e, midStep.jobId, 'completed', 20_000);
      const events = await e.readEvents(midStep.jobId, 0);
      expect(events.map((ev) => ev.seq)).toEqual(events.map((_, i) => i + 1));
      expect(events.some((ev) => ev.type === 'warning' && ev.data.code === 'INTERRUPTED')).toBe(true);
      expect(e.get(midStep.jobId)!.attempts).toBe(2);
    });

    it('corrupt data: a damaged record never stops the engine; the job is listed and deletable, the rest intact', async () => {
      let e = await open();
      const damaged = await completed(e, 'To damage');
      const intact = await completed(e, 'Intact');
      const intactJob = e.get(intact);
      await close();
      await instance.corruptRecord(damaged);

      e = await open();
      expect(e.get(intact)).toEqual(intactJob);
      expect(
        e
          .list()
          .map((j) => j.jobId)
          .sort(),
      ).toEqual([damaged, intact].sort());
      await e.delete(damaged);
      expect(e.get(damaged)).toBeUndefined();
      await completed(e, 'Still works');
    });

    it('corrupt data: a torn last event is dropped and its seq is never handed out twice', async () => {
      let e = await open();
      e.pauseQueue();
      const { jobId } = await e.create(testSpec('Torn'));
      await e.move(jobId, { to: 'top' }); // a second event to tear
      const before = await e.readEvents(jobId, 0);
      await close();
      await instance.tearLastEvent(jobId);

      e = await open({ runQueuedJobs: false });
      const kept = await e.readEvents(jobId, 0);
      expect(kept).toEqual(before.slice(0, kept.length));
      expect(kept.length).toBeGreaterThanOrEqual(before.length - 1);

      e = await open();
      e.resumeQueue();
      await waitForStatus(e, jobId, 'completed', 20_000);
      const after = await e.readEvents(jobId, 0);
      const seqs = after.map((ev) => ev.seq);
      expect(after.slice(0, kept.length)).toEqual(kept);
      // A seq the torn event may have been seen with is never given to another event.
      expect(after.slice(kept.length).every((ev) => ev.seq > before.at(-1)!.seq)).toBe(true);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    });
  });
}
