// `npm start`: builds the app and opens it in Electron. Where Electron's binary is missing (it is
// downloaded by `npm install`, skipped with ELECTRON_SKIP_BINARY_DOWNLOAD=1), says so and points
// to the browser version instead.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './electron-binary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electron = findElectronBinary();
if (!electron.found) {
  console.error(
    `Aura Studio cannot open as a desktop app here because ${electron.reason}; run \`npm run serve\` (the \`aura serve\` command) and open the printed address in your browser instead.`,
  );
  process.exit(1);
}

const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
if (build.status !== 0) process.exit(build.status ?? 1);

const env = { ...process.env };
// Inherited from some shells and tools: it would start Electron as plain Node.
delete env.ELECTRON_RUN_AS_NODE;
const child = spawn(electron.path, ['.', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
