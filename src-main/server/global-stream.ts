import type { FastifyReply, FastifyRequest } from 'fastify';
import { formatEventId } from '../../src-shared/events.js';
import type { EngineApi } from '../engine/engine-api.js';
import type { GlobalEntry } from './event-hub.js';
import type { StreamDeps } from './job-stream.js';
import { formatSseEvent } from './sse-frame.js';
import { planGlobalStream } from './stream-plan.js';

/** A snapshot lists the whole queue: the view needs every job to converge, not just one page. */
const SNAPSHOT_LIMIT = Number.MAX_SAFE_INTEGER;

/** The queue snapshot's data; also what a consumer would get from GET /api/queue without a limit. */
export function queueSnapshot(engine: EngineApi): {
  jobs: ReturnType<EngineApi['list']>;
  stats: ReturnType<EngineApi['stats']>;
} {
  return { jobs: engine.list({ limit: SNAPSHOT_LIMIT }), stats: engine.stats() };
}

const frames = new WeakMap<GlobalEntry, Buffer>();

/** An entry's frame, serialised and encoded once however many clients receive it: fan-out is then a write. */
function globalFrame(epoch: number, entry: GlobalEntry): Buffer {
  let bytes = frames.get(entry);
  if (bytes === undefined) {
    bytes = Buffer.from(formatSseEvent(formatEventId(epoch, entry.seq), entry.event.type, entry.event.data));
    frames.set(entry, bytes);
  }
  return bytes;
}

/**
 * `GET /api/events`: a `queue-snapshot` and a `queue-status` (fresh, or an id this run cannot replay) or the missed
 * events from the hub's buffer, then every job's live events. All of it happens synchronously
 * with the hub's numbering, so nothing can slip in between the start and the live part.
 */
export function serveGlobalStream(
  deps: StreamDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  lastEventId: string | undefined,
): void {
  const { engine, hub, registry } = deps;
  const plan = planGlobalStream(lastEventId, {
    epoch: hub.epoch,
    canReplayAfter: (seq) => hub.since(seq) !== undefined,
  });

  reply.hijack();
  const stream = registry.create(request.raw, reply.raw);
  const frame = (entry: GlobalEntry): Buffer => globalFrame(hub.epoch, entry);

  stream.onClose(hub.subscribe((entry) => stream.send(frame(entry))));
  stream.open();
  if (plan.kind === 'snapshot') {
    const id = formatEventId(hub.epoch, hub.seq);
    stream.send(formatSseEvent(id, 'queue-snapshot', queueSnapshot(engine)));
    // The queue's own state too: a client that missed a pause (or never saw one) shows the truth at once.
    // Part of the opening, like a replay: a large snapshot still in the socket's buffer must not
    // count as this client falling behind (it would be dropped before it ever caught up).
    stream.sendReplay(formatSseEvent(id, 'queue-status', engine.queueStatus()));
    return;
  }
  // Replay writes skip the backlog check: the buffer is bounded, and the next live send re-checks.
  for (const entry of hub.since(plan.afterSeq) ?? []) stream.sendReplay(frame(entry));
}
