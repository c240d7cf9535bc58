import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src-main/engine/engine.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { testSpec, testSteps } from '../helpers/test-steps.js';
import { waitForStatus, waitUntil } from '../helpers/wait.js';

let tmp: ReturnType<typeof makeTempDir>;
let engine: Engine;

beforeEach(async () => {
  tmp = makeTempDir();
  engine = await createEngine({ dataDir: tmp.dir, steps: testSteps({ units: 3, unitMs: 5 }) });
});
afterEach(async () => {
  await engine.close();
  tmp.cleanup();
});

describe('a disk that refuses writes', () => {
  it.skipIf(!fs.existsSync('/dev/full'))(
    'fails the job whose log cannot be written, keeps the engine alive and the queue moving',
    async () => {
      engine.pauseQueue();
      const broken = await engine.create(testSpec('log on a full disk'));
      const healthy = await engine.create(testSpec('next in line'));
      const events = engine.layout.eventsFile(broken.jobId);
      fs.rmSync(events);
      fs.symlinkSync('/dev/full', events);
      engine.resumeQueue();
      await waitUntil('the broken job to fail', () => engine.get(broken.jobId)?.status === 'failed', 10_000);
      expect(engine.get(broken.jobId)).toMatchObject({ canResume: true, error: { code: 'WRITE_FAILED' } });
      await waitForStatus(engine, healthy.jobId, 'completed');
      fs.rmSync(events);
      await engine.resume(broken.jobId);
      await waitForStatus(engine, broken.jobId, 'completed');
    },
  );
});
