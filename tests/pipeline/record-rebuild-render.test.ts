import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RenderSpecSchema } from '../../src-shared/spec.js';
import { waitForStatus } from '../helpers/wait.js';
import { probeMedia, tinySpec } from './helpers/pipeline-engine.js';
import { usePipelineEngine } from './helpers/pipeline-fixture.js';

const fx = usePipelineEngine();

describe('a real render whose job.json is damaged afterwards', () => {
  it('is rebuilt with its video and every artifact, which still play', async () => {
    let engine = await fx.open();
    const job = await engine.create(RenderSpecSchema.parse(tinySpec(2)));
    await waitForStatus(engine, job.jobId, 'completed', 120_000);
    const before = engine.get(job.jobId)!;
    await engine.close();
    // One flipped bit past the middle of the record (a key's ':' becomes '>').
    const file = path.join(fx.dir, 'jobs', job.jobId, 'job.json');
    const bytes = fs.readFileSync(file);
    // The colon after a key (`"key":`), never one inside a value such as a timestamp.
    const at = bytes.indexOf('":', Math.floor(bytes.length / 2)) + 1;
    bytes[at] = bytes[at]! ^ 0x04;
    fs.writeFileSync(file, bytes);
    expect(() => JSON.parse(fs.readFileSync(file, 'utf8'))).toThrow();

    engine = await fx.open();
    const after = engine.get(job.jobId)!;
    expect(after).toMatchObject({ status: 'completed', spec: before.spec, completedAt: expect.any(String) });
    expect(after.artifacts).toEqual(before.artifacts);
    expect(after.warnings.map((w) => w.code)).toContain('RECORD_REBUILT');
    const video = after.artifacts.find((a) => a.type === 'video/mp4')!;
    const probed = await probeMedia(engine.artifactPath(job.jobId, video.name)!);
    expect(probed.durationSec).toBeGreaterThan(1.5);
  });
});
