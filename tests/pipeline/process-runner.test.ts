import { getPriority } from 'node:os';
import { describe, expect, it } from 'vitest';
import { StepError } from '../../src-main/engine/errors.js';
import { runProcess } from '../../src-main/pipeline/process-runner.js';
import { waitUntil } from '../helpers/wait.js';
import { processesMentioning } from './helpers/pipeline-engine.js';

const tag = () => `aura-runner-${process.pid}-${Math.random().toString(36).slice(2)}`;

/** A shell whose grandchildren carry `marker` in their command lines. */
function treeScript(marker: string): string[] {
  return ['-c', `sh -c 'sleep 30; : ${marker}' & sh -c 'sleep 31; : ${marker}' & wait`, marker];
}

describe('runProcess', () => {
  it('returns captured output of a successful run', async () => {
    const result = await runProcess('ffmpeg', ['-hide_banner', '-version'], { captureStdout: true });
    expect(result.stdout).toMatch(/^ffmpeg version/);
  });

  it('fails with a StepError carrying the last stderr lines, and streams stderr', async () => {
    const raw: string[] = [];
    const error = await runProcess('ffmpeg', ['-hide_banner', '-i', '/nonexistent/input.wav', '-f', 'null', '-'], {
      onStderrLine: (line) => raw.push(line),
      failureCode: 'ENCODE_FAILED',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StepError);
    expect((error as StepError).code).toBe('ENCODE_FAILED');
    expect((error as StepError).message).toMatch(/ffmpeg exited with code 1: .*No such file or directory/);
    expect(raw.join('')).toContain('/nonexistent/input.wav');
  });

  it('a binary that does not exist is a failure, not a hang', async () => {
    await expect(runProcess('/nonexistent/bin', [])).rejects.toBeInstanceOf(StepError);
  });

  it('abort kills the whole tree within 250 ms and rejects with the abort reason', async () => {
    const marker = tag();
    const controller = new AbortController();
    const run = runProcess('sh', treeScript(marker), { signal: controller.signal });
    await waitUntil('the tree to start', () => processesMentioning(marker).length >= 3, 5_000);
    const started = Date.now();
    controller.abort('cancel');
    await expect(run).rejects.toBe('cancel');
    await waitUntil('every process of the tree to be gone', () => processesMentioning(marker).length === 0, 250);
    expect(Date.now() - started).toBeLessThan(250);
  });

  it('children run below normal priority', async () => {
    const marker = tag();
    const controller = new AbortController();
    const run = runProcess('sh', treeScript(marker), { signal: controller.signal }).catch(() => undefined);
    await waitUntil('the child to start', () => processesMentioning(marker).length >= 1, 5_000);
    const priorities = processesMentioning(marker).map((pid) => getPriority(pid));
    controller.abort('cancel');
    await run;
    expect(Math.min(...priorities)).toBeGreaterThan(0);
  });

  it('an already aborted signal starts nothing', async () => {
    const controller = new AbortController();
    controller.abort('pause');
    await expect(runProcess('sh', ['-c', 'exit 0'], { signal: controller.signal })).rejects.toBe('pause');
  });
});
