/**
 * Resolves with the first SIGINT/SIGTERM. Persistent handlers, never `once`: signal-exit (loaded
 * by write-file-atomic) re-raises a signal it finds no other listener for, which would kill us in
 * the middle of shutting down. A second signal while shutting down means "now": exit at once.
 */
export function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    let received: NodeJS.Signals | undefined;
    const onSignal = (sig: NodeJS.Signals) => {
      if (received) process.exit(130);
      received = sig;
      resolve(sig);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
