// Bundles the Electron preload into one CommonJS file: a sandboxed preload cannot load other
// modules (only `electron` and a few built-ins), so its imports are inlined here.
// Type-checking is separate: tsc -p src-main/electron/tsconfig.preload.json --noEmit.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const entry = path.join(root, 'src-main/electron/preload.ts');
// `--outfile FILE` builds elsewhere (the preload's tests do, into a temp folder).
const flag = process.argv.indexOf('--outfile');
const outfile =
  flag > 0 && process.argv[flag + 1]
    ? path.resolve(process.argv[flag + 1])
    : path.join(root, 'dist/node/src-main/electron/preload.cjs');

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  console.error('Cannot bundle the preload: the esbuild package is missing (it comes with tsx; run npm ci).');
  process.exit(1);
}

try {
  await esbuild.build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'cjs',
    platform: 'browser',
    target: 'chrome120',
    external: ['electron'],
    sourcemap: 'linked',
    logLevel: 'warning',
    legalComments: 'none',
  });
} catch {
  // esbuild has already printed the errors with their locations.
  process.exit(1);
}
console.log(`preload -> ${path.relative(root, outfile)}`);
