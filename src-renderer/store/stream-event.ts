import type { EventDataMap, EventType } from '../../src-shared/events.js';

/** One SSE frame after parsing: its id split into ts/seq, and `data` checked by the shared schema. */
export type StreamEvent = {
  [K in EventType]: {
    /** The raw `id:` line, null when the frame had none. */
    id: string | null;
    ts: number;
    seq: number;
    type: K;
    data: EventDataMap[K];
  };
}[EventType];

export type StreamEventOf<K extends EventType> = Extract<StreamEvent, { type: K }>;
