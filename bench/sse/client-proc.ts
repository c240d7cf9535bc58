/**
 * bench:sse client process: opens N EventSources on a server's global stream and records, for
 * every event after the snapshot, its seq and when it arrived. Several of these share the
 * clients so the receiving side is not one saturated event loop.
 */
import { EventSource } from 'eventsource';
import { EVENT_TYPES, parseEventId } from '../../src-shared/events.js';
import { wallMs } from './protocol.js';

export type ClientProcMessage = { type: 'connected' } | { type: 'collected'; seqs: number[]; times: number[] };

const [url = '', countText = '0'] = process.argv.slice(2);
const seqs: number[] = [];
const times: number[] = [];
const sources: EventSource[] = [];

await Promise.all(
  Array.from({ length: Number(countText) }, () => {
    const source = new EventSource(`${url}/api/events?token=bench`);
    sources.push(source);
    return new Promise<void>((resolve) => {
      source.addEventListener('queue-snapshot', () => resolve());
      for (const type of EVENT_TYPES) {
        if (type === 'queue-snapshot') continue;
        source.addEventListener(type, (event: MessageEvent) => {
          const at = wallMs();
          // A real consumer parses every frame.
          JSON.parse(event.data as string);
          seqs.push(parseEventId(event.lastEventId)!.seq);
          times.push(at);
        });
      }
    });
  }),
);
process.send!({ type: 'connected' } satisfies ClientProcMessage);

process.on('message', (message: { type: 'collect' | 'exit' }) => {
  if (message.type === 'collect') {
    process.send!({ type: 'collected', seqs, times } satisfies ClientProcMessage);
  } else {
    for (const source of sources) source.close();
    process.exit(0);
  }
});
