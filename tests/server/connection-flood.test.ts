import { spawn, type ChildProcess } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { EventSource } from 'eventsource';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobSchema } from '../../src-shared/job.js';
import { tinySpec } from '../pipeline/helpers/pipeline-engine.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { waitUntil } from '../helpers/wait.js';

const CHILD = path.resolve(import.meta.dirname, 'helpers/host-child.ts');
/** More idle sockets than the child may even hold open files. */
const FLOOD = 1_100;
const OPEN_FILE_LIMIT = 1024;

interface ChildHost {
  proc: ChildProcess;
  url: string;
  port: number;
  token: string;
  exited: Promise<number | null>;
  stderr: () => string;
}

/** Starts the host in a child process whose open-file limit is 1024, as on many desktops. */
async function startLimitedHost(dataDir: string): Promise<ChildHost> {
  const command = `ulimit -n ${OPEN_FILE_LIMIT} && exec "${process.execPath}" --import tsx "${CHILD}" "${dataDir}"`;
  const proc = spawn('bash', ['-c', command], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const line = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: proc.stdout! });
    lines.once('line', resolve);
    void exited.then((code) => reject(new Error(`host child exited (${code}): ${stderr}`)));
  });
  const info = JSON.parse(line) as { url: string; port: number; token: string };
  return { proc, ...info, exited, stderr: () => stderr };
}

/** Opens a socket that connects and then says nothing: a half-open client. */
function idleSocket(port: number): Promise<Socket> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => undefined);
    socket.once('connect', () => resolve(socket));
    // Refused or cut before it connected: still counts as one the server did not let in.
    socket.once('close', () => resolve(socket));
  });
}

describe('a flood of idle connections (child process, ulimit -n 1024)', () => {
  const temp = makeTempDir('aura-flood-');
  let child: ChildHost;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    child = await startLimitedHost(temp.dir);
  }, 60_000);
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    child?.proc.kill('SIGTERM');
    await child?.exited;
    temp.cleanup();
  }, 60_000);

  const api = (p: string, init: RequestInit = {}) =>
    fetch(`${child.url}${p}`, {
      ...init,
      headers: { authorization: `Bearer ${child.token}`, 'content-type': 'application/json', ...init.headers },
    });

  it('1,100 silent sockets while a render runs: the server stays up, health answers, the render completes', async () => {
    // The UI's event stream, open before the flood: a token holder's connection is never cut for room.
    const stream = new EventSource(`${child.url}/api/events?token=${child.token}`);
    const seen: string[] = [];
    let streamErrors = 0;
    stream.addEventListener('job-completed', () => seen.push('job-completed'));
    stream.addEventListener('queue-snapshot', () => seen.push('queue-snapshot'));
    stream.addEventListener('error', () => (streamErrors += 1));
    await waitUntil('the condition', () => seen.includes('queue-snapshot'), 30_000);

    // The job waits in a paused queue until the flood is in place, so the whole render runs under it.
    expect((await api('/api/queue/pause', { method: 'POST' })).status).toBe(200);
    const created = await api('/api/jobs', { method: 'POST', body: JSON.stringify(tinySpec(12)) });
    expect(created.status).toBe(201);
    const { jobId } = JobSchema.parse(await created.json());

    for (let i = 0; i < FLOOD; i += 1) sockets.push(await idleSocket(child.port));
    // A new client gets an answer at once, not after the flood times out.
    const health = await fetch(`${child.url}/api/health`, { signal: AbortSignal.timeout(10_000) });
    expect(health.status).toBe(200);
    expect(((await health.json()) as { status: string }).status).toBe('ok');
    expect((await api('/api/queue/resume', { method: 'POST' })).status).toBe(200);

    // The render either completes, or fails resumable (a spawn that found no file handle) and completes on resume.
    let job = JobSchema.parse(await (await api(`/api/jobs/${jobId}`)).json());
    await waitUntil(
      'the condition',
      async () => {
        job = JobSchema.parse(await (await api(`/api/jobs/${jobId}`)).json());
        if (job.status === 'failed' && job.canResume) await api(`/api/jobs/${jobId}/resume`, { method: 'POST' });
        return job.status === 'completed' || (job.status === 'failed' && !job.canResume);
      },
      120_000,
    );
    expect(job.status, JSON.stringify(job.error)).toBe('completed');
    expect(job.artifacts.some((a) => a.name.endsWith('.mp4'))).toBe(true);
    await waitUntil('the condition', () => seen.includes('job-completed'), 30_000);
    expect(streamErrors).toBe(0);
    stream.close();

    // The server cut the oldest silent sockets to stay under its cap (and far under 1024 files).
    const closedByServer = () => sockets.filter((s) => s.destroyed || s.readyState === 'closed').length;
    await waitUntil('the condition', () => closedByServer() >= FLOOD - 256, 30_000);
    // Still up, and no unhandled error on its way out.
    expect(child.proc.exitCode).toBeNull();
    expect(child.stderr()).not.toMatch(/Unhandled|uncaught/i);
  }, 180_000);
});
