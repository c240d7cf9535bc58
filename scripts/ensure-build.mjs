// Builds the app (main process + renderer) when the build is missing or older than its sources.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' }).status ?? 1;

if (run(process.execPath, ['scripts/ensure-deps.mjs']) !== 0) process.exit(1);

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

const outputs = ['dist/node/src-main/cli/aura.js', 'dist/renderer/index.html'];
const builtAt = Math.min(...outputs.map((f) => (fs.existsSync(f) ? fs.statSync(f).mtimeMs : 0)));
const sourcesAt = Math.max(
  ...['src-main', 'src-shared', 'src-renderer', 'package-lock.json'].map((p) =>
    fs.statSync(p).isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs,
  ),
);
if (builtAt < sourcesAt) {
  console.log('Building Aura Studio…');
  if (run('npm', ['run', 'build']) !== 0) process.exit(1);
}
