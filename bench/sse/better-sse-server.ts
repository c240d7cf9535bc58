/**
 * bench:sse anchor child: a minimal better-sse channel server carrying the same load (same event
 * count, rate and payload shape as the engine's step-progress), timed the same way.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createChannel, createSession } from 'better-sse';
import { wallMs, type ChildMessage, type LoadShape, type ParentMessage } from './protocol.js';

const shape = JSON.parse(process.argv[2]!) as LoadShape;
const send = (message: ChildMessage) => process.send!(message);
const epoch = Date.now();
const channel = createChannel();
const server = createServer((req, res) => {
  void createSession(req, res, { retry: 2000, keepAlive: 15_000 }).then((session) => {
    // Same first frame as ours: a snapshot, so the parent's "connected" check is identical.
    session.push({ jobs: [], stats: {} }, 'queue-snapshot', `${epoch}-0`);
    channel.register(session);
  });
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
send({ type: 'ready', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, token: 'bench' });

const emits: number[] = [0];
process.on('message', (message: ParentMessage) => {
  if (message.type === 'start') {
    const cpu = process.cpuUsage();
    const started = performance.now();
    const ticks = Math.round(shape.hz * shape.seconds);
    const interval = 1000 / shape.hz;
    let finished = 0;
    for (let job = 0; job < shape.jobs; job++) {
      const jobId = `job-${job}`;
      let i = 0;
      const tick = () => {
        i += 1;
        const pct = (i / ticks) * 100;
        const data = { jobId, step: 'tick', stage: 'Tick', progressPct: pct, jobProgressPct: pct, etaSeconds: null };
        emits.push(wallMs());
        channel.broadcast(data, 'step-progress', { eventId: `${epoch}-${emits.length - 1}` });
        if (i < ticks) setTimeout(tick, Math.max(0, started + (i + 1) * interval + job - performance.now()));
        else if (++finished === shape.jobs) {
          const used = process.cpuUsage(cpu);
          send({
            type: 'done',
            emits,
            firstSeq: 1,
            cpuMs: (used.user + used.system) / 1000,
            wallMs: performance.now() - started,
          });
        }
      };
      setTimeout(tick, interval + job);
    }
  } else if (message.type === 'exit') {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  }
});
