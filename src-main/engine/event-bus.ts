import type { EngineEvent, EngineListener } from './engine-api.js';

/** Typed fan-out of engine events; a throwing listener never stops the others or the engine. */
export class EventBus {
  #listeners = new Set<EngineListener>();

  subscribe(listener: EngineListener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  get listenerCount(): number {
    return this.#listeners.size;
  }

  /** The next event `predicate` accepts, or undefined when none comes within `timeoutMs`. */
  next(predicate: (event: EngineEvent) => boolean, timeoutMs: number): Promise<EngineEvent | undefined> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        off();
        resolve(undefined);
      }, timeoutMs);
      const off = this.subscribe((event) => {
        if (!predicate(event)) return;
        clearTimeout(timer);
        off();
        resolve(event);
      });
    });
  }

  emit(event: EngineEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch {
        // a subscriber's bug is its own
      }
    }
  }
}
