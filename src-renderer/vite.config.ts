import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The page's own Content-Security-Policy, the same rules as the Electron window's header: the app
 * and its data come from the serving origin only, no inline script, no eval. Build only: the dev
 * server injects an inline React Refresh preamble.
 */
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
].join('; ');

function cspMeta(): Plugin {
  return {
    name: 'aura-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: RENDERER_CSP },
        injectTo: 'head-prepend',
      },
    ],
  };
}

/**
 * Builds the renderer into <repo>/dist/renderer. `base: './'` keeps every asset URL relative,
 * so the same bundle loads from the loopback server at `/` and from a file:// URL.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react(), cspMeta()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // Under script-src 'self' nothing may be inlined into the page: every module is a file.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: true,
    target: 'es2022',
  },
});
