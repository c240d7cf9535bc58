/**
 * A child for the EMFILE test: `node --import tsx spawn-under-emfile.ts` under a low
 * `ulimit -n`. Uses up every file handle, starts a child through runProcess (via `nice` and
 * directly), frees the handles and starts one again. Prints one JSON line; an unhandled 'error'
 * event would instead kill this process with a non-zero exit.
 */
import { closeSync, openSync } from 'node:fs';
import { runProcess } from '../../../src-main/pipeline/process-runner.js';

/** How a run ended: `ok`, or the StepError's code and whether the job could be resumed. */
async function attempt(lowPriority: boolean) {
  try {
    await runProcess('sh', ['-c', 'exit 0'], { lowPriority, captureStdout: true });
    return { ok: true };
  } catch (error) {
    const e = error as { code?: string; retryable?: boolean; message: string };
    return { ok: false, code: e.code, retryable: e.retryable, message: e.message };
  }
}

await attempt(true); // loads every module the runner needs while handles are still free
const held: number[] = [];
try {
  for (;;) held.push(openSync('/dev/null', 'r'));
} catch (error) {
  if ((error as NodeJS.ErrnoException).code !== 'EMFILE') throw error;
}
const viaNice = await attempt(true);
const direct = await attempt(false);
for (const fd of held) closeSync(fd);
const afterwards = await attempt(true);
process.stdout.write(JSON.stringify({ held: held.length, viaNice, direct, afterwards }) + '\n');
