import { EVENT_DATA_SCHEMAS, EVENT_TYPES, parseEventId, type EventType } from '../../src-shared/events.js';
import type { StreamEvent } from '../store/stream-event.js';

const KNOWN = new Set<string>(EVENT_TYPES);

/** Why a frame was refused, for the console: the UI never acts on a frame it cannot trust. */
export type FrameResult = { ok: true; event: StreamEvent } | { ok: false; reason: string };

/**
 * Parses one SSE frame (`event:`, `data:`, `id:`) with the shared schema for its type. Pure, so
 * it is table-tested; the stream clients only wire it to EventSource.
 */
export function parseFrame(type: string, data: string, id: string | null | undefined): FrameResult {
  if (!KNOWN.has(type)) return { ok: false, reason: `unknown event type "${type}"` };
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return { ok: false, reason: `${type}: data is not JSON` };
  }
  const schema = EVENT_DATA_SCHEMAS[type as EventType];
  const parsed = schema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: `${type}: ${parsed.error.issues[0]?.message ?? 'invalid data'}` };
  const rawId = id ? id : null;
  const eventId = parseEventId(rawId);
  return {
    ok: true,
    event: {
      id: eventId ? rawId : null,
      ts: eventId?.ts ?? 0,
      seq: eventId?.seq ?? 0,
      type: type as EventType,
      data: parsed.data,
    } as StreamEvent,
  };
}
