import type { Engine } from '../../../src-main/engine/engine.js';
import type { Job } from '../../../src-shared/job.js';
import { RenderSpecSchema, type RenderSpecInput } from '../../../src-shared/spec.js';
import { waitForEvent } from '../../helpers/wait.js';

/** Renders a spec to completion on a running pipeline engine: the output's path and the finished job. */
export async function renderJob(
  engine: Engine,
  input: RenderSpecInput,
  timeoutMs = 60_000,
): Promise<{ output: string; job: Job }> {
  const created = await engine.create(RenderSpecSchema.parse(input));
  const end = await waitForEvent(
    engine,
    (e) => e.jobId === created.jobId && (e.type === 'job-completed' || e.type === 'job-failed'),
    timeoutMs,
  );
  if (end.type === 'job-failed') throw new Error(`render failed: ${JSON.stringify(end.data)}`);
  const job = engine.get(created.jobId)!;
  const artifact = job.artifacts.find((a) => a.type === 'video/mp4');
  const output = artifact && engine.artifactPath(created.jobId, artifact.name);
  if (!output) throw new Error('the job has no video artifact');
  return { output, job };
}
