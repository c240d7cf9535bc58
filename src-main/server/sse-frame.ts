/**
 * Server-Sent Events wire framing as pure functions, so the exact bytes are table-tested.
 * Spec: https://html.spec.whatwg.org/multipage/server-sent-events.html
 */

/** One SSE message. `data` is written as one `data:` line per line of text. */
export interface SseFrame {
  id?: string;
  event?: string;
  data?: string;
  /** Reconnection delay the client should use, in milliseconds. */
  retry?: number;
}

/** The reconnection delay every stream announces first (API.md). */
export const SSE_RETRY_MS = 2000;

/** Removes CR/LF: a field value holding one would end the field early and let text forge another field. */
function singleLine(value: string): string {
  return value.replace(/[\r\n]/g, '');
}

/** Serialises one frame, ending in the blank line that dispatches it. */
export function formatSseFrame(frame: SseFrame): string {
  let out = '';
  if (frame.retry !== undefined) out += `retry: ${Math.max(0, Math.trunc(frame.retry))}\n`;
  if (frame.id !== undefined) out += `id: ${singleLine(frame.id)}\n`;
  if (frame.event !== undefined) out += `event: ${singleLine(frame.event)}\n`;
  if (frame.data !== undefined) {
    for (const line of frame.data.split(/\r\n|\r|\n/)) out += `data: ${line}\n`;
  }
  return `${out}\n`;
}

/** A comment line (`: text`): ignored by clients, keeps proxies and idle timers from closing the stream. */
export function formatSseComment(text: string): string {
  return `: ${singleLine(text)}\n\n`;
}

/** Frames an event whose data is JSON (one line: JSON.stringify never emits raw newlines). */
export function formatSseEvent(id: string, event: string, data: unknown): string {
  return formatSseFrame({ id, event, data: JSON.stringify(data) });
}

/** Response headers of every event stream. No CORS headers, ever. */
export const SSE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache',
  Connection: 'keep-alive',
  // Tells nginx-style reverse proxies not to hold frames back.
  'X-Accel-Buffering': 'no',
};
