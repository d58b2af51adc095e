export interface TaskLimiter {
  run(task: () => Promise<void>): void;
  /** Resolves once nothing is running or queued. */
  idle(): Promise<void>;
}

/** Runs at most `concurrency` tasks at once, in arrival order; concurrency 1 keeps a queue's order.
 * The queue is bounded by the channel's prefetch, so it needs no limit of its own. */
export function createTaskLimiter(concurrency: number): TaskLimiter {
  const queued: Array<() => Promise<void>> = [];
  let running = 0;
  let idleWaiters: Array<() => void> = [];

  const next = (): void => {
    while (running < concurrency && queued.length > 0) {
      const task = queued.shift()!;
      running += 1;
      void task()
        .catch(() => undefined)
        .finally(() => {
          running -= 1;
          next();
        });
    }
    if (running === 0 && queued.length === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  };

  return {
    run(task) {
      queued.push(task);
      next();
    },
    idle() {
      if (running === 0 && queued.length === 0) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
  };
}
