import { z } from 'zod';

// The window runs under script-src 'self' (no eval): zod must not try to compile validators.
// This module is imported first by main.tsx, because shared modules parse with zod as they load
// (DEFAULT_SETTINGS), and zod's eval probe would run, and be reported as a CSP violation, before
// a z.config call in main.tsx's own body.
z.config({ jitless: true });
