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
