import type { FastifyReply, FastifyRequest } from 'fastify';
import { ENDED_STATUSES } from '../../src-shared/constants.js';
import { formatEventId, jobStatusData, TERMINAL_EVENT_TYPES, type JobEvent } from '../../src-shared/events.js';
import type { EngineApi } from '../engine/engine-api.js';
import type { EventHub } from './event-hub.js';
import { HttpProblem } from './problem.js';
import { formatSseEvent } from './sse-frame.js';
import type { SseRegistry } from './sse-registry.js';
import type { SseStream } from './sse-stream.js';
import { planJobStream } from './stream-plan.js';

/** What the event-stream routes share. */
export interface StreamDeps {
  engine: EngineApi;
  hub: EventHub;
  registry: SseRegistry;
}

/** Live events a connection may hold while it replays the log before it is dropped. */
const MAX_PENDING_EVENTS = 10_000;
/** Replay is written in chunks of about this many characters. */
const REPLAY_CHUNK_CHARS = 64 * 1024;

const isEnded = (status: string): boolean => (ENDED_STATUSES as readonly string[]).includes(status);

function jobFrame(event: JobEvent): string {
  return formatSseEvent(formatEventId(event.ts, event.seq), event.type, event.data);
}

/**
 * `GET /api/jobs/{id}/events`: a snapshot or the logged events after Last-Event-ID, then live
 * events, with no gap and no duplicate. The hub listener is attached before the log is read, and
 * everything is deduplicated by the job's seq, so an event emitted during the read is sent once.
 */
export async function serveJobStream(
  deps: StreamDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  jobId: string,
  lastEventId: string | undefined,
): Promise<void> {
  const { engine, hub, registry } = deps;
  const job = engine.get(jobId);
  if (!job) throw new HttpProblem('NOT_FOUND', `No job "${jobId}".`);
  const plan = planJobStream(lastEventId, { ended: isEnded(job.status), lastSeq: engine.lastSeq(jobId) });
  if (plan.kind === 'no-content') {
    await reply.code(204).send();
    return;
  }

  reply.hijack();
  const stream = registry.create(request.raw, reply.raw);
  let lastSent = plan.kind === 'replay' ? plan.afterSeq : 0;
  let live = false;
  let pending: JobEvent[] = [];

  /** True once the job has ended and the client has every event of it. */
  const finished = (): boolean => {
    const current = engine.get(jobId);
    return current !== undefined && isEnded(current.status) && lastSent >= engine.lastSeq(jobId);
  };
  const sendLive = (event: JobEvent): void => {
    if (event.seq <= lastSent) return;
    lastSent = event.seq;
    // Live, the stream ends at the terminal event itself (a status change just before it is not the end).
    if (stream.send(jobFrame(event)) && TERMINAL_EVENT_TYPES.has(event.type) && finished()) stream.end();
  };

  const unsubscribe = hub.subscribe(({ event }) => {
    if (event.jobId !== jobId) return;
    if (event.type === 'job-deleted') {
      stream.end();
      return;
    }
    if (live) sendLive(event);
    else if (pending.push(event) > MAX_PENDING_EVENTS) {
      // Too far behind already while still replaying: drop it; it recovers by replay.
      stream.dropped = true;
      stream.destroy();
    }
  });
  stream.onClose(unsubscribe);
  stream.open();

  if (plan.kind === 'snapshot') {
    sendSnapshot(stream, engine, jobId);
    lastSent = engine.lastSeq(jobId);
    live = true;
    // Events already buffered are at or below lastSent; an ended job's stream ends here.
    pending = [];
    if (finished()) stream.end();
    return;
  }

  try {
    // Frames go out in chunks: one write per frame would cost a syscall each on a long replay.
    let chunk = '';
    const logged = hub.jobEventsSince(jobId, plan.afterSeq) ?? (await engine.readEvents(jobId, plan.afterSeq));
    for (const event of [...logged, ...pending]) {
      if (event.seq <= lastSent) continue;
      lastSent = event.seq;
      chunk += jobFrame(event);
      if (chunk.length >= REPLAY_CHUNK_CHARS) {
        if (!(await stream.sendPaced(chunk))) return;
        chunk = '';
      }
    }
    if (chunk && !(await stream.sendPaced(chunk))) return;
    // Whatever arrived while the last chunk drained.
    for (const event of pending) {
      if (event.seq <= lastSent) continue;
      lastSent = event.seq;
      if (!stream.send(jobFrame(event))) return;
    }
    pending = [];
    live = true;
    // Caught up with an ended job (whatever its log's last event is, e.g. a later canResume change): done.
    if (finished()) stream.end();
  } catch (error) {
    console.error(`Replaying job ${jobId}'s events failed:`, error);
    stream.destroy();
  }
}

function sendSnapshot(stream: SseStream, engine: EngineApi, jobId: string): void {
  const job = engine.get(jobId);
  if (!job) {
    stream.end();
    return;
  }
  // The id carries the log position the snapshot reflects, so a reconnect replays from there.
  const id = formatEventId(Date.now(), engine.lastSeq(jobId));
  stream.send(formatSseEvent(id, 'job-status', jobStatusData(job)));
}
