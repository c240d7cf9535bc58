/**
 * A host (engine with the real render pipeline + loopback server) in its own process, for tests
 * that need a process-wide fault such as a low open-file limit:
 * `node --import tsx tests/server/helpers/host-child.ts DATA_DIR`. Prints one JSON line
 * `{url, port, token}` when ready; SIGTERM closes it and exits 0.
 */
import { startHost } from '../../../src-main/host.js';

const [dataDir] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: host-child.ts DATA_DIR');
const host = await startHost({
  dataDir,
  rendererDir: '/nonexistent',
  settings: { cleanupInitialDelayMinutes: 600 },
});
process.stdout.write(`${JSON.stringify({ url: host.url, port: host.port, token: host.token })}\n`);
process.on('SIGTERM', () => void host.close().then(() => process.exit(0)));
