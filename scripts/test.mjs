// `npm test`: every test. It installs the npm packages if needed, runs the unit and integration
// tests (vitest: engine, pipeline with real ffmpeg, server, renderer units, Electron main logic,
// the farm on a redis-server it finds or installs),
// then the browser end-to-end tests, which build the app and find (or install) Chromium.
import { spawnSync } from 'node:child_process';

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' }).status ?? 1;

let status = run(process.execPath, ['scripts/ensure-deps.mjs']);
if (status === 0) status = run(process.execPath, ['scripts/ensure-redis.mjs']);
if (status === 0) status = run('npx', ['vitest', 'run']);
if (status === 0) status = run('npm', ['run', 'test:e2e']);
process.exit(status);
