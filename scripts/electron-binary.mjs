// Where the Electron binary of node_modules/electron is, if it was downloaded: the npm package
// writes path.txt only after fetching it (ELECTRON_SKIP_BINARY_DOWNLOAD=1 or no network: no binary).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

/**
 * @returns {{ found: true, path: string } | { found: false, reason: string }}
 */
export function findElectronBinary() {
  let packageDir;
  try {
    packageDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { found: false, reason: 'the electron package is not installed' };
  }
  const pathFile = path.join(packageDir, 'path.txt');
  if (!fs.existsSync(pathFile)) return { found: false, reason: 'the Electron binary was never downloaded' };
  const binary = path.join(packageDir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  if (!fs.existsSync(binary)) return { found: false, reason: `the Electron binary is missing (${binary})` };
  return { found: true, path: binary };
}
