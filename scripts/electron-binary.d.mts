/** Where the Electron binary of node_modules/electron is, if it was downloaded. */
export function findElectronBinary(): { found: true; path: string } | { found: false; reason: string };
