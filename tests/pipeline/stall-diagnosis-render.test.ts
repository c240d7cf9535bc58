import { describe, expect, it } from 'vitest';
import { registeredChildPids } from '../../src-main/engine/child-pids.js';
import { commandLineOf } from '../../src-main/pipeline/child-registry.js';
import { RenderSpecSchema } from '../../src-shared/spec.js';
import { waitForEvent, waitUntil } from '../helpers/wait.js';
import { tinySpec } from './helpers/pipeline-engine.js';
import { usePipelineEngine } from './helpers/pipeline-fixture.js';

const fx = usePipelineEngine();

describe.skipIf(process.platform !== 'linux')('the real pipeline, its ffmpeg suspended', () => {
  it('explains the stall: ffmpeg is alive but stopped, resume it or cancel', async () => {
    const e = await fx.open({
      maxParallelScenes: 1,
      stallWarningSeconds: 1,
      stallTimeoutSeconds: 600,
    });
    // One long scene: its encode runs for seconds, long enough to be caught.
    const { jobId } = await e.create(RenderSpecSchema.parse(tinySpec(1, { durationSec: 240 })));
    let pid: number | undefined;
    await waitUntil(
      "the scene's ffmpeg to start",
      async () => {
        if (e.get(jobId)?.stage !== 'Visuals') return false;
        for (const p of await registeredChildPids(e.layout.tempDir(jobId)))
          if ((await commandLineOf(p))?.includes('ffmpeg')) pid = p;
        return pid !== undefined;
      },
      60_000,
    );
    process.kill(pid!, 'SIGSTOP');
    try {
      const warning = await waitForEvent(
        e,
        (ev) => ev.jobId === jobId && ev.type === 'warning' && /stopped/.test(ev.data.message),
        30_000,
      );
      expect(warning.type === 'warning' && warning.data.message).toMatch(
        /^ffmpeg is alive but stopped \(not using any CPU; no progress for \d+ s\): it was suspended by another program; resume it or cancel\./,
      );
      const diagnosis = await e.diagnose(jobId);
      expect(diagnosis.state).toBe('stalled');
      expect(diagnosis.findings.map((f) => f.code)).toEqual(expect.arrayContaining(['PROCESS_STOPPED', 'NO_OUTPUT']));
    } finally {
      process.kill(pid!, 'SIGCONT');
    }
    await e.cancel(jobId);
  });
});
