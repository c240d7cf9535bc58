/** One event of a Chrome trace (the JSON `traceEvents` array). */
interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  args?: { name?: string };
}

/**
 * The longest task (ms) on a renderer's main thread in a Chrome trace: the `RunTask` (or
 * `ThreadControllerImpl::RunTask`) complete events of the threads named CrRendererMain.
 */
export function longestRendererTask(trace: Buffer | string): number {
  const parsed = JSON.parse(trace.toString()) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const mainThreads = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  let longest = 0;
  for (const e of events) {
    if (e.ph !== 'X' || (e.name !== 'RunTask' && e.name !== 'ThreadControllerImpl::RunTask')) continue;
    if (!mainThreads.has(`${e.pid}:${e.tid}`)) continue;
    longest = Math.max(longest, (e.dur ?? 0) / 1000);
  }
  return longest;
}
