import { useSyncExternalStore } from 'react';

// One shared 1 s ticker for every clock on screen, running only while someone watches it.
const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === null) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

const idle = () => () => {};

/** Wall-clock ms, re-rendering once a second while `ticking` (the last tick's value otherwise). */
export function useNow(ticking: boolean): number {
  return useSyncExternalStore(ticking ? subscribe : idle, () => now);
}
