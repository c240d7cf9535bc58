/** Messages between bench:sse and its server child processes (one process per server under test). */

/** Wall-clock time in ms with sub-ms precision, comparable across processes on one machine. */
export const wallMs = (): number => performance.timeOrigin + performance.now();

/** The load both servers carry. */
export interface LoadShape {
  jobs: number;
  hz: number;
  seconds: number;
}

export type ChildMessage =
  | { type: 'ready'; url: string; token: string }
  | {
      type: 'done';
      /** Emit time of global event seq i at index i (index 0 unused). */
      emits: number[];
      /** The first seq emitted after the load started. */
      firstSeq: number;
      cpuMs: number;
      wallMs: number;
    }
  | { type: 'replay-ready'; jobId: string; afterId: string; count: number };

export type ParentMessage = { type: 'start' } | { type: 'prepare-replay'; count: number } | { type: 'exit' };
