/**
 * bench:sse child: the real engine + loopback server. Jobs run a step that reports progress at a
 * fixed rate; the first engine subscriber records when each event is emitted (before the
 * server's own subscription sees it), numbered like the global stream's seq.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { createEngine } from '../../src-main/engine/engine.js';
import type { Step, StepsFactory } from '../../src-main/engine/step.js';
import { buildServer } from '../../src-main/server/app.js';
import { RenderSpecSchema, type RenderSpec } from '../../src-shared/spec.js';
import { wallMs, type ChildMessage, type LoadShape, type ParentMessage } from './protocol.js';

const shape = JSON.parse(process.argv[2]!) as LoadShape;
const send = (message: ChildMessage) => process.send!(message);

const ticker: Step = {
  name: 'tick',
  stage: 'Tick',
  weight: 1,
  async run(ctx) {
    const ticks = Math.round(shape.hz * shape.seconds);
    const interval = 1000 / shape.hz;
    const start = performance.now();
    for (let i = 1; i <= ticks; i++) {
      // Absolute schedule, so the rate holds however long each emit takes.
      await delay(Math.max(0, start + i * interval - performance.now()), undefined, { signal: ctx.signal });
      ctx.progress((i / ticks) * 100);
    }
  },
};
const chatty = (count: number): Step => ({
  name: 'chatter',
  stage: 'Chatter',
  weight: 1,
  async run(ctx) {
    for (let i = 0; i < count; i++) ctx.log.info(`line ${i}: the quick brown fox jumps over the lazy dog`);
  },
});
let replayCount = 0;
const steps: StepsFactory = (spec) => (spec.title === 'replay' ? [chatty(replayCount)] : [ticker]);
const spec = (title: string): RenderSpec =>
  RenderSpecSchema.parse({
    title,
    script: '# One\nHello.',
    voice: { engine: 'none', voice: 'en', rate: 170 },
    output: { width: 160, height: 90, fps: 10, quality: 'draft' },
  });

const dataDir = mkdtempSync(join(tmpdir(), 'aura-bench-sse-'));
const engine = await createEngine({ dataDir, steps, settings: { concurrency: Math.min(16, shape.jobs) } });
const emits: number[] = [0];
let recording = true;
engine.subscribe(() => {
  if (recording) emits.push(wallMs());
});
const server = await buildServer({ engine, token: 'bench' });
const port = await server.listen(0);
engine.pauseQueue();
const jobIds = await Promise.all(
  Array.from({ length: shape.jobs }, async (_, i) => (await engine.create(spec(`load ${i}`))).jobId),
);
send({ type: 'ready', url: `http://127.0.0.1:${port}`, token: 'bench' });

process.on('message', (message: ParentMessage) => {
  void (async () => {
    if (message.type === 'start') {
      const firstSeq = emits.length;
      const cpu = process.cpuUsage();
      const started = performance.now();
      const remaining = new Set(jobIds);
      await new Promise<void>((resolve) => {
        const off = engine.subscribe((e) => {
          if (e.type === 'job-completed' && remaining.delete(e.jobId) && remaining.size === 0) {
            off();
            resolve();
          }
        });
        engine.resumeQueue();
      });
      const used = process.cpuUsage(cpu);
      recording = false;
      send({
        type: 'done',
        emits,
        firstSeq,
        cpuMs: (used.user + used.system) / 1000,
        wallMs: performance.now() - started,
      });
    } else if (message.type === 'prepare-replay') {
      replayCount = message.count;
      const job = await engine.create(spec('replay'));
      await new Promise<void>((resolve) => {
        const off = engine.subscribe((e) => {
          if (e.jobId === job.jobId && e.type === 'job-completed') {
            off();
            resolve();
          }
        });
      });
      const events = await engine.readEvents(job.jobId, 0);
      const from = events[events.length - 1 - message.count]!;
      send({ type: 'replay-ready', jobId: job.jobId, afterId: `${from.ts}-${from.seq}`, count: message.count });
    } else if (message.type === 'exit') {
      await server.close();
      await engine.close();
      rmSync(dataDir, { recursive: true, force: true });
      process.exit(0);
    }
  })();
});
