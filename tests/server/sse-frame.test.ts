import { describe, expect, it } from 'vitest';
import { formatSseComment, formatSseEvent, formatSseFrame, SSE_HEADERS } from '../../src-main/server/sse-frame.js';

describe('formatSseFrame', () => {
  it.each([
    [{ retry: 2000 }, 'retry: 2000\n\n'],
    [{ id: '1-1', event: 'job-status', data: '{"a":1}' }, 'id: 1-1\nevent: job-status\ndata: {"a":1}\n\n'],
    [{ data: 'one\ntwo' }, 'data: one\ndata: two\n\n'],
    [{ data: 'a\r\nb\rc' }, 'data: a\ndata: b\ndata: c\n\n'],
    [{ data: '' }, 'data: \n\n'],
    [{ event: 'x\nid: 9', data: '1' }, 'event: xid: 9\ndata: 1\n\n'],
    [{ id: 'a\r\nb' }, 'id: ab\n\n'],
    [{ retry: 1.7 }, 'retry: 1\n\n'],
    [{ retry: -5 }, 'retry: 0\n\n'],
    [{}, '\n'],
  ])('%j → %j', (frame, expected) => {
    expect(formatSseFrame(frame)).toBe(expected);
  });
});

describe('formatSseEvent', () => {
  it('writes JSON data on one line, escaping newlines inside strings', () => {
    expect(formatSseEvent('5-2', 'job-log', { message: 'a\nb' })).toBe(
      'id: 5-2\nevent: job-log\ndata: {"message":"a\\nb"}\n\n',
    );
  });
});

describe('formatSseComment', () => {
  it.each([
    ['ping', ': ping\n\n'],
    ['two\nlines', ': twolines\n\n'],
  ])('%j → %j', (text, expected) => {
    expect(formatSseComment(text)).toBe(expected);
  });
});

describe('SSE_HEADERS', () => {
  it('are the event-stream headers API.md names, and no CORS header', () => {
    expect(SSE_HEADERS['Content-Type']).toMatch(/^text\/event-stream/);
    expect(SSE_HEADERS['Cache-Control']).toBe('no-cache');
    expect(SSE_HEADERS['X-Accel-Buffering']).toBe('no');
    expect(Object.keys(SSE_HEADERS).some((h) => h.toLowerCase().startsWith('access-control'))).toBe(false);
  });
});
