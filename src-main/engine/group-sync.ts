import { fsyncDir } from './atomic-file.js';

/**
 * Group commit for one directory's fsync: every caller that asks while an fsync is running waits
 * for the next one, and one fsync then covers all of them (as a database's log does). A caller is
 * only answered by an fsync that started after it asked, so its entry is always covered.
 */
export class GroupDirSync {
  #running: Promise<void> | null = null;
  #next: Promise<void> | null = null;

  constructor(private readonly dir: string) {}

  /** Resolves once an fsync of the directory that began after this call has finished. */
  sync(): Promise<void> {
    if (this.#next) return this.#next;
    if (!this.#running) return this.#start();
    const next = this.#running.then(
      () => this.#start(),
      () => this.#start(),
    );
    this.#next = next;
    return next;
  }

  #start(): Promise<void> {
    this.#next = null;
    const running = fsyncDir(this.dir).finally(() => {
      if (this.#running === running) this.#running = null;
    });
    this.#running = running;
    return running;
  }
}
