/** Farm processes for tests: real `aura worker` / `aura serve --farm` children on one shared folder. */
import { execa, type ResultPromise } from 'execa';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

export type Child = ResultPromise<{ reject: false; cwd: string; all: true; env: Record<string, string> }>;

/**
 * Starts `aura ARGS` as a child: the real CLI with the real pipeline, or (testSteps) the same
 * command with the tests' steps (tests/helpers/farm-child.ts).
 */
export function aura(args: string[], options: { testSteps?: boolean; env?: Record<string, string> } = {}): Child {
  const entry = options.testSteps ? 'tests/helpers/farm-child.ts' : 'src-main/cli/aura.ts';
  return execa('node', ['--import', 'tsx', entry, ...args], {
    cwd: ROOT,
    reject: false,
    all: true,
    env: options.env ?? {},
  });
}

/** Resolves with the first match of `pattern` in the child's output, or rejects after `timeoutMs`. */
export function waitForOutput(child: Child, pattern: RegExp, timeoutMs = 30_000): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no ${pattern} within ${timeoutMs} ms: ${out}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = pattern.exec(out);
      if (m) {
        clearTimeout(timer);
        child.all.off('data', onData);
        resolve(m);
      }
    };
    child.all.on('data', onData);
    void child.then((result) => {
      clearTimeout(timer);
      reject(new Error(`exited (${result.exitCode}) before ${pattern}: ${out}`));
    });
  });
}

/** `aura worker` on the farm; resolves once its ready line is printed (wrapped: a child is a thenable). */
export async function startWorker(
  url: string,
  sharedDir: string,
  name: string,
  options: { testSteps?: boolean; concurrency?: number } = {},
): Promise<{ child: Child; readyLine: string }> {
  const args = ['worker', '--farm', url, '--shared-dir', sharedDir, '--name', name];
  if (options.concurrency) args.push('--concurrency', String(options.concurrency));
  const child = aura(args, options);
  const ready = await waitForOutput(child, new RegExp(`^Aura worker ${name} ready \\(farm .*$`, 'm'), 15_000);
  return { child, readyLine: ready[0] };
}
