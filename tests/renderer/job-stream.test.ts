/**
 * followJob against a real SSE server (the `eventsource` client): a failed job's stream ends,
 * and when the job is resumed the detail view follows it again from the last event it holds.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventSource } from 'eventsource';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../src-shared/job.js';
import { createApiClient } from '../../src-renderer/api/api-client.js';
import { followJob } from '../../src-renderer/sse/job-stream.js';
import { queuePreviewed, receiveQueueEvents, resetAppStore } from '../../src-renderer/store/app-store.js';
import type { DetailData } from '../../src-renderer/store/detail-reducer.js';
import { closeDetail, detailStore, openDetail } from '../../src-renderer/store/detail-store.js';
import { ev, item, STATS0 } from './fixtures.js';
import { RenderSpecSchema } from '../../src-shared/spec.js';

const failedJob: Job = {
  ...item('j1', 1, { status: 'failed', canResume: true, hasErrors: true }),
  progressPct: 40,
  endedAt: '2026-01-01T00:00:05.000Z',
  lastCompletedStep: 'script',
  steps: [],
  artifacts: [],
  error: { code: 'TTS_FAILED', message: 'espeak died', suggestedActions: [], step: 'narration', logTail: [] },
  warnings: [],
  attempts: 1,
  spec: RenderSpecSchema.parse({
    title: 'Job j1',
    script: '# A\nhello',
    voice: { engine: 'none', voice: 'en', rate: 170 },
    output: { width: 160, height: 90, fps: 10, quality: 'draft' },
  }),
};

const frame = (seq: number, type: string, data: object) =>
  `id: 1000-${seq}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
const ERROR = { code: 'TTS_FAILED', message: 'espeak died', suggestedActions: [], step: 'narration', logTail: [] };
/** The job-status data the engine sends: the row, steps and error as recorded. */
const status = (s: Job['status'], canResume: boolean) => {
  const progressPct = s === 'completed' ? 100 : 40;
  const row = item('j1', 1, { status: s, stage: 'Voice', progressPct, canResume, hasErrors: s === 'failed' });
  return {
    jobId: 'j1',
    status: s,
    stage: 'Voice',
    progressPct,
    canResume,
    job: row,
    steps: [],
    endedAt: null,
    error: s === 'failed' ? ERROR : null,
  };
};

// The server's side of one job: failed (its stream ends after job-failed; a caught-up retry gets
// 204) until `resumed`, then the events after the client's Last-Event-ID.
let resumed = false;
let caughtUp: () => void = () => undefined;
const streamRequests: string[] = [];
let server: Server;
let baseUrl: string;
beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url!, 'http://x');
    if (url.pathname === '/api/jobs/j1') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(failedJob));
      return;
    }
    const after = String(req.headers['last-event-id'] ?? url.searchParams.get('lastEventId'));
    streamRequests.push(after);
    const sse = () => res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    if (after === '0-0') {
      sse();
      // A short retry, so the caught-up retry (204) happens while the test runs.
      res.end(
        'retry: 50\n\n' +
          frame(1, 'job-status', status('running', false)) +
          frame(2, 'job-failed', {
            jobId: 'j1',
            step: 'narration',
            error: { code: 'TTS_FAILED', message: 'espeak died', suggestedActions: [] },
          }) +
          frame(3, 'job-status', status('failed', true)),
      );
    } else if (after === '1000-3' && resumed) {
      sse();
      res.end(
        frame(4, 'job-status', status('pending', false)) +
          frame(5, 'job-status', status('running', false)) +
          frame(6, 'job-status', status('completed', false)) +
          frame(7, 'job-completed', { jobId: 'j1', artifacts: [], outputPath: '/x/output.mp4' }),
      );
    } else {
      res.writeHead(204).end();
      caughtUp();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
afterEach(() => {
  closeDetail();
  resetAppStore();
});

/** Resolves once the detail store satisfies `check` (on its own change: no polling), or rejects after `timeoutMs`. */
function detailWhen(check: (d: DetailData | null) => boolean, timeoutMs = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (check(detailStore.getState().detail)) return resolve();
    const timer = setTimeout(() => {
      off();
      reject(new Error(`the detail view did not reach the expected state within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = detailStore.subscribe((state) => {
      if (!check(state.detail)) return;
      clearTimeout(timer);
      off();
      resolve();
    });
  });
}

describe('followJob', () => {
  it('follows a failed job again after it is resumed, from the last event it holds, without the old error', async () => {
    queuePreviewed({ jobs: [item('j1', 1, { status: 'failed', canResume: true })], stats: STATS0, queuePaused: false });
    openDetail('j1');
    const stop = followJob(createApiClient({ baseUrl, token: 't' }), 'j1', EventSource as never);
    try {
      await detailWhen((d) => d?.cursorId === '1000-3');
      expect(detailStore.getState().detail?.job).toMatchObject({ status: 'failed', hasErrors: true });
      // The caught-up retry got 204: the browser's EventSource has given up on this stream.
      await new Promise<void>((resolve) => {
        caughtUp = resolve;
      });
      // Resume (by this window or another client): the global stream moves the queue row.
      resumed = true;
      receiveQueueEvents([ev(50, 'job-status', status('pending', false) as never)]);
      await detailWhen((d) => d?.job?.status === 'completed');
      expect(detailStore.getState().detail?.job).toMatchObject({ error: null, hasErrors: false, progressPct: 100 });
      expect(streamRequests[0]).toBe('0-0');
      expect(streamRequests).toContain('1000-3');
    } finally {
      stop();
    }
  });
});
