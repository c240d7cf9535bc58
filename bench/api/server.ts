/**
 * bench:api child: the real host (engine + loopback server) with 10,000 jobs stored, made by the
 * engine itself (queue paused, so none runs). Reports its URL and token over IPC.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StepsFactory } from '../../src-main/engine/step.js';
import { startHost } from '../../src-main/host.js';
import { RenderSpecSchema } from '../../src-shared/spec.js';

const STORED = Number(process.argv[2] ?? 10_000);
const BATCH = 500;
const steps: StepsFactory = () => [{ name: 'noop', stage: 'Noop', weight: 1, run: async () => undefined }];

const dataDir = mkdtempSync(join(tmpdir(), 'aura-bench-api-'));
const host = await startHost({ dataDir, steps });
host.engine.pauseQueue();
const seedStart = performance.now();
for (let made = 0; made < STORED; made += BATCH) {
  await Promise.all(
    Array.from({ length: Math.min(BATCH, STORED - made) }, (_, i) =>
      host.engine.create(
        RenderSpecSchema.parse({
          title: `Stored job ${made + i}`,
          script: '# Scene\nNothing to see.',
          voice: { engine: 'none', voice: 'en', rate: 170 },
          output: { width: 160, height: 90, fps: 10, quality: 'draft' },
        }),
      ),
    ),
  );
}
process.send!({
  type: 'ready',
  url: host.url,
  token: host.token,
  jobs: host.engine.stats().total,
  seedMs: performance.now() - seedStart,
});
process.on('message', () => {
  void host.close().then(() => {
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  });
});
