import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CommitLog, segmentName } from '../../src-main/engine/commit-log.js';
import { replayCommitLog } from '../../src-main/engine/commit-log-replay.js';
import { DataLayout } from '../../src-main/engine/data-dir.js';
import { createEngine } from '../../src-main/engine/engine.js';
import type { JobEvent } from '../../src-shared/events.js';
import { killHard, runChildUntil } from '../helpers/child-engine.js';
import { useEngineFixture } from '../helpers/engine-fixture.js';
import { installFsyncCounter } from '../helpers/fsync-counter.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { testSpec, testSteps } from '../helpers/test-steps.js';
import { waitForStatus } from '../helpers/wait.js';

const fx = useEngineFixture();
let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill('SIGKILL');
});

const segments = (layout: DataLayout) =>
  fs.existsSync(layout.commitLogDir) ? fs.readdirSync(layout.commitLogDir).sort() : [];

const logEvent = (jobId: string, seq: number): JobEvent =>
  ({ seq, ts: 1000 + seq, jobId, type: 'job-log', data: { jobId, level: 'info', message: `line ${seq}` } }) as JobEvent;

describe('the commit log (group commit)', () => {
  it('makes 40 creates at once durable with a few fsyncs, not one or more each', async () => {
    const engine = await fx.open();
    engine.pauseQueue();
    const fsyncs = await installFsyncCounter();
    const before = fsyncs.count;
    const jobs = await Promise.all(Array.from({ length: 40 }, (_, i) => engine.create(testSpec(`Job ${i}`))));
    // One for the segment's folder entry, then one shared fdatasync per group waiting at once.
    expect(fsyncs.count - before).toBeLessThanOrEqual(10);
    const text = fs.readFileSync(path.join(engine.layout.commitLogDir, segments(engine.layout)[0]!), 'utf8');
    for (const job of jobs) expect(text).toContain(`"origin":{"schemaVersion":1,"jobId":"${job.jobId}"`);
  });

  it('is emptied by a clean close: the next start has nothing to replay', async () => {
    const engine = await fx.open();
    const job = await engine.create(testSpec());
    await waitForStatus(engine, job.jobId, 'completed');
    expect(segments(engine.layout)).toHaveLength(1);
    await fx.reopen();
    // The reopened engine made a fresh segment only when it commits; none yet.
    expect(
      segments(fx.engine.layout).every(
        (name) => fs.statSync(path.join(fx.engine.layout.commitLogDir, name)).size === 0,
      ),
    ).toBe(true);
    expect(fx.engine.get(job.jobId)!.status).toBe('completed');
  });

  it('puts back a job whose folder a power cut lost, after a kill -9, from the log alone', async () => {
    const { child: proc, event } = await runChildUntil(
      fx.dir,
      (e) => e.type === 'job-completed',
      (p) => (child = p),
    );
    await killHard(proc);
    const layout = new DataLayout(fx.dir);
    expect(segments(layout).length).toBeGreaterThan(0); // no clean close: the log is still there
    // What the disk would hold had none of the job's own (unsynced) files reached it.
    fs.rmSync(layout.jobDir(event.jobId!), { recursive: true, force: true });

    const engine = await fx.open();
    const job = engine.get(event.jobId!)!;
    expect(job.status).toBe('completed');
    expect(job.title).toBe('crash me');
    expect(job.warnings.map((w) => w.code)).toContain('RECORD_REBUILT');
    const replayed = await engine.readEvents(event.jobId!, 0);
    expect(replayed.map((e) => e.type)).toEqual(expect.arrayContaining(['job-created', 'job-completed']));
    // The durable events come back in order; progress between them was never promised to survive.
    const seqs = replayed.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    // Replayed and synced: the log is gone.
    expect(segments(layout).every((name) => fs.statSync(path.join(layout.commitLogDir, name)).size === 0)).toBe(true);
  });

  it('never brings back a deleted job, even when its folder’s removal was lost', async () => {
    const engine = await fx.open();
    const job = await engine.create(testSpec());
    await waitForStatus(engine, job.jobId, 'completed');
    const kept = makeTempDir('aura-lost-removal-');
    fs.cpSync(engine.layout.jobDir(job.jobId), kept.dir, { recursive: true });
    await engine.delete(job.jobId);
    // A snapshot of the data folder as the disk holds it now (the log unretired), with the removal undone.
    const crashed = makeTempDir('aura-crashed-');
    fs.cpSync(fx.dir, crashed.dir, { recursive: true });
    fs.rmSync(path.join(crashed.dir, 'engine.lock'), { force: true });
    fs.cpSync(kept.dir, new DataLayout(crashed.dir).jobDir(job.jobId), { recursive: true });
    try {
      const restarted = await createEngine({ dataDir: crashed.dir, steps: testSteps() });
      expect(restarted.get(job.jobId)).toBeUndefined();
      expect(fs.existsSync(new DataLayout(crashed.dir).jobDir(job.jobId))).toBe(false);
      await restarted.close();
    } finally {
      kept.cleanup();
      crashed.cleanup();
    }
  });
});

describe('commit log segments', () => {
  it('retires a full segment in the background: its jobs synced, the file removed', async () => {
    const tmp = makeTempDir();
    const layout = new DataLayout(tmp.dir);
    fs.mkdirSync(layout.jobDir('a'), { recursive: true });
    const log = CommitLog.open(layout.commitLogDir, layout, 0, 200);
    for (let seq = 1; seq <= 6; seq++) {
      fs.appendFileSync(layout.eventsFile('a'), JSON.stringify(logEvent('a', seq)) + '\n');
      await log.commit({ jobId: 'a', events: [logEvent('a', seq)] });
    }
    await log.close();
    expect(segments(layout)).toEqual([]);
    tmp.cleanup();
  });

  it('replays segments in order, skips a torn last line and restores only what a job lost', async () => {
    const tmp = makeTempDir();
    const layout = new DataLayout(tmp.dir);
    fs.mkdirSync(layout.commitLogDir, { recursive: true });
    fs.mkdirSync(layout.jobDir('a'), { recursive: true });
    // The job's own log kept its first event and half of its second.
    fs.writeFileSync(layout.eventsFile('a'), JSON.stringify(logEvent('a', 1)) + '\n{"seq":2,"ts"');
    const line = (seqs: number[]) => JSON.stringify({ jobId: 'a', events: seqs.map((s) => logEvent('a', s)) }) + '\n';
    fs.writeFileSync(path.join(layout.commitLogDir, segmentName(3)), line([1, 2]) + line([3]));
    fs.writeFileSync(path.join(layout.commitLogDir, segmentName(4)), line([4]) + line([5]).slice(0, 20));

    expect(await replayCommitLog(layout.commitLogDir, layout)).toBe(4);
    const seqs = fs
      .readFileSync(layout.eventsFile('a'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as JobEvent).seq);
    expect(seqs).toEqual([1, 2, 3, 4]);
    expect(segments(layout)).toEqual([]);
    tmp.cleanup();
  });
});
