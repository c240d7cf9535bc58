import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';

const CHILD = join(import.meta.dirname, 'helpers', 'spawn-under-emfile.ts');

describe('a spawn that fails for want of file handles (real EMFILE)', () => {
  it.skipIf(process.platform === 'win32')(
    'is SPAWN_FAILED and resumable, never an unhandled error event; once handles are free it runs',
    async () => {
      // The child lowers its own limit, so the test runner's handles are untouched.
      const run = await execa('sh', ['-c', `ulimit -n 96 && exec "${process.execPath}" --import tsx "${CHILD}"`], {
        reject: false,
      });
      expect(run.stderr).not.toMatch(/Unhandled|EMFILE.*\n\s+at /);
      expect(run.exitCode).toBe(0);
      const result = JSON.parse(run.stdout) as Record<
        string,
        { ok: boolean; code?: string; retryable?: boolean; message?: string }
      > & {
        held: number;
      };
      expect(result.held).toBeGreaterThan(0);
      for (const failed of [result.viaNice, result.direct]) {
        expect(failed).toMatchObject({ ok: false, code: 'SPAWN_FAILED', retryable: true });
        expect(failed!.message).toMatch(/could not be started: too many open files \(EMFILE\)/);
      }
      expect(result.afterwards).toEqual({ ok: true });
    },
    60_000,
  );
});
