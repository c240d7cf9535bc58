import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ChildRegistry } from '../../src-main/pipeline/child-registry.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { waitUntil } from '../helpers/wait.js';
import { processesMentioning } from './helpers/pipeline-engine.js';

describe('ChildRegistry', () => {
  it('reaps a recorded child that outlived its attempt, and only processes naming the job', async () => {
    const temp = makeTempDir('aura-reg-');
    try {
      const registry = new ChildRegistry(temp.dir);
      // An orphan like a crashed app leaves: detached, its command line names the job's temp dir.
      const orphan = spawn('sh', ['-c', `sleep 30; : ${temp.dir}`], { detached: true, stdio: 'ignore' });
      const exited = new Promise((resolve) => orphan.once('exit', resolve));
      // A recorded pid whose process is something else (pid reuse) must be left alone.
      const stranger = spawn('sleep', ['30'], { stdio: 'ignore' });
      await registry.add(orphan.pid!);
      await registry.add(stranger.pid!);
      await waitUntil('the orphan to start', () => processesMentioning(temp.dir).length > 0, 5_000);

      expect(await registry.reapOrphans()).toBe(1);
      await exited;
      // The process table catches up with the kill a moment later on a loaded machine.
      await waitUntil('no process naming the job', () => processesMentioning(temp.dir).length === 0, 5_000);
      expect(stranger.exitCode).toBeNull();
      stranger.kill('SIGKILL');
      expect(await registry.reapOrphans()).toBe(0);
    } finally {
      temp.cleanup();
    }
  });
});
