/**
 * Tracks work that outlives the update that started it (detached update handlers, a re-index), so
 * that a graceful shutdown can wait for it instead of cutting a reply or a write in half.
 */
export class TaskTracker {
  private readonly inflight = new Set<Promise<unknown>>();

  get size(): number {
    return this.inflight.size;
  }

  /** Track a promise until it settles; returns it unchanged. */
  track<T>(promise: Promise<T>): Promise<T> {
    const tracked = promise.finally(() => this.inflight.delete(tracked));
    // The tracked copy must never surface as an unhandled rejection: the caller handles `promise`.
    tracked.catch(() => {});
    this.inflight.add(tracked);
    return promise;
  }

  /** Resolve true once nothing is in flight (including work started while waiting), false on timeout. */
  async idle(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.inflight.size > 0) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, left)));
      await Promise.race([Promise.allSettled([...this.inflight]), timeout]);
      clearTimeout(timer);
    }
    return true;
  }
}
