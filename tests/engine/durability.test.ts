import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src-main/engine/engine.js';
import type { EngineEvent } from '../../src-main/engine/engine-api.js';
import { useEngineFixture } from '../helpers/engine-fixture.js';
import { installFsyncCounter } from '../helpers/fsync-counter.js';
import { testSpec, testSteps } from '../helpers/test-steps.js';
import { waitForEvent, waitForStatus } from '../helpers/wait.js';

const fx = useEngineFixture();

interface Seen {
  label: string;
  /** fsyncs since the event emitted before this one. */
  fsyncsBefore: number;
  /** Whether the event's line was in events.jsonl when subscribers heard of it. */
  onDisk: boolean;
  /** Whether the commit log (the write-ahead log the fsync covers) held the event then. */
  committed: boolean;
}

/** The commit log's text: every segment. */
function commitLogText(engine: Engine): string {
  const dir = engine.layout.commitLogDir;
  return fs
    .readdirSync(dir)
    .map((name) => fs.readFileSync(path.join(dir, name), 'utf8'))
    .join('');
}

/** Records, for each event of the job as it is emitted, whether it is on disk and how many fsyncs preceded it. */
async function watch(engine: Engine): Promise<Seen[]> {
  const fsyncs = await installFsyncCounter();
  const seen: Seen[] = [];
  let last = fsyncs.count;
  engine.subscribe((e: EngineEvent) => {
    if (e.jobId === null || e.type === 'job-deleted') return;
    const text = fs.readFileSync(engine.layout.eventsFile(e.jobId), 'utf8');
    const label = e.type === 'job-status' ? `status:${e.data.status}` : e.type;
    const line = `"seq":${e.seq},"ts":${e.ts},"jobId":"${e.jobId}"`;
    const committed = commitLogText(engine).includes(line);
    seen.push({ label, fsyncsBefore: fsyncs.count - last, onDisk: text.includes(`"seq":${e.seq},`), committed });
    last = fsyncs.count;
  });
  return seen;
}

const userVisible = (seen: Seen[], label: string) => seen.filter((s) => s.label === label);

describe('durability: a transition is on disk before anyone is told', () => {
  it('fsyncs created, paused, resumed, completed before emitting them; every event is written first', async () => {
    const engine = await fx.open({ steps: testSteps({ units: 4, unitMs: 40 }) });
    const seen = await watch(engine);
    const job = await engine.create(testSpec());
    await waitForEvent(engine, (e) => e.type === 'step-progress' && e.data.step === 'work');
    await engine.pause(job.jobId);
    await engine.resume(job.jobId);
    await waitForStatus(engine, job.jobId, 'completed');

    expect(seen.every((s) => s.onDisk)).toBe(true);
    // Created: its first events and its origin are in the commit log, flushed.
    const created = userVisible(seen, 'job-created')[0]!;
    expect(created.committed && created.fsyncsBefore >= 1).toBe(true);
    expect(commitLogText(engine)).toContain(`"origin":{"schemaVersion":1,"jobId":"${job.jobId}"`);
    for (const label of ['status:paused', 'status:pending', 'status:completed'])
      for (const s of userVisible(seen, label)) {
        expect(s.fsyncsBefore, label).toBeGreaterThanOrEqual(1);
        expect(s.committed, label).toBe(true);
      }
    // An attempt's start is written, never waited on (a checkpoint's own flush may precede progress).
    for (const s of userVisible(seen, 'status:running')) {
      expect(s.fsyncsBefore, s.label).toBe(0);
      expect(s.committed, s.label).toBe(false);
    }
  });

  it('fsyncs failed and canceled before emitting them', async () => {
    const engine = await fx.open({ steps: testSteps((spec) => (spec.title === 'Fails' ? { failStep: 'work' } : {})) });
    const seen = await watch(engine);
    const failing = await engine.create(testSpec('Fails'));
    await waitForStatus(engine, failing.jobId, 'failed');
    engine.pauseQueue();
    const waiting = await engine.create(testSpec('Waiting'));
    await engine.cancel(waiting.jobId);

    expect(seen.every((s) => s.onDisk)).toBe(true);
    for (const label of ['status:failed', 'status:canceled']) {
      expect(userVisible(seen, label)[0]!.fsyncsBefore, label).toBeGreaterThanOrEqual(1);
      expect(userVisible(seen, label)[0]!.committed, label).toBe(true);
    }
  });
});
