import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Builds the renderer into <repo>/dist/renderer. `base: './'` keeps every asset URL relative,
 * so the same bundle loads from the loopback server at `/` and from a file:// URL in Electron.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // A strict CSP (script-src 'self') forbids inline scripts: keep every module a file.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: true,
    target: 'es2022',
  },
});
