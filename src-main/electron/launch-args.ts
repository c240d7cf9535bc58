/** The desktop app's own command-line options (Chromium's switches pass through untouched). */

/** `--data-dir DIR` or `--data-dir=DIR` from the app's argv; undefined when absent. */
export function dataDirFlag(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg.startsWith('--data-dir=')) return arg.slice('--data-dir='.length) || undefined;
    if (arg === '--data-dir') {
      const next = argv[i + 1];
      return next && !next.startsWith('--') ? next : undefined;
    }
  }
  return undefined;
}
