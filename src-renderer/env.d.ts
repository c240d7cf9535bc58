import type { AuraBridge } from '../src-shared/bridge.js';

declare global {
  interface Window {
    /** The Electron preload bridge; absent in a plain browser. */
    aura?: AuraBridge;
  }
}
