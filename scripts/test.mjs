// `npm test`: every test. Unit and integration tests (vitest) first, then the browser
// end-to-end tests, which build the app and find Chromium themselves.
import { spawnSync } from 'node:child_process';

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' }).status ?? 1;

let status = run('npx', ['vitest', 'run']);
if (status === 0) status = run('npm', ['run', 'test:e2e']);
process.exit(status);
