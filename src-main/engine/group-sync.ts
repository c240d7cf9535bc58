/**
 * Group commit for one fsync: every caller that asks while an fsync is running waits for the next
 * one, and one fsync then covers all of them (as a database's log does). A caller is only answered
 * by an fsync that started after it asked, so what it wrote before asking is always covered; a
 * failed fsync rejects every caller it was to cover.
 */
export class GroupSync {
  #running: Promise<void> | null = null;
  #next: Promise<void> | null = null;

  constructor(private readonly flush: () => Promise<void>) {}

  /** Resolves once a flush that began after this call has finished. */
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
    const running = this.flush().finally(() => {
      if (this.#running === running) this.#running = null;
    });
    this.#running = running;
    return running;
  }
}
