import fs from 'node:fs';
import { DataLayout } from '../../../src-main/engine/data-dir.js';
import { createEngine } from '../../../src-main/engine/engine.js';
import { openFileBackend } from '../../../src-main/engine/file-backend.js';
import { makeTempDir } from '../../helpers/temp-dir.js';
import { describeBackendContract } from './contract.js';

describeBackendContract('file (embedded default)', {
  create: () => {
    const tmp = makeTempDir('aura-contract-');
    const layout = new DataLayout(tmp.dir);
    return Promise.resolve({
      dataDir: tmp.dir,
      open: (options) => createEngine({ ...options, dataDir: tmp.dir, backend: openFileBackend }),
      // The child's default: createEngine on the file backend.
      childEnv: {},
      corruptRecord: async (jobId) => {
        // Cut in half, as a torn write leaves it: never valid JSON.
        const file = layout.jobFile(jobId);
        await fs.promises.truncate(file, Math.floor((await fs.promises.stat(file)).size / 2));
      },
      tearLastEvent: async (jobId) => {
        const file = layout.eventsFile(jobId);
        const text = await fs.promises.readFile(file, 'utf8');
        const lastStart = text.lastIndexOf('\n', text.length - 2) + 1;
        await fs.promises.truncate(file, lastStart + Math.floor((text.length - lastStart) / 2));
      },
      destroy: () => Promise.resolve(tmp.cleanup()),
    });
  },
});
