import type { EventStore, LogPosition, RecordedEvent, Subscription } from '../../ports/eventStore';

export interface CatchUpOptions {
  after: LogPosition | null;
  batchSize: number;
  /** A throw stops delivery (the caller has recorded why). */
  onEvent(event: RecordedEvent): Promise<void>;
  onError(error: unknown): void;
  retryMs?: number;
}

/** `$all` for the relay: a backlog is read with one batch always in flight (the next read overlaps
 * publishing the current batch, so the broker never waits on the database), then the store's own
 * live subscription takes over from the last event, woken by its NOTIFY. */
export function catchUpThenSubscribe(store: EventStore, options: CatchUpOptions): Subscription {
  let stopped = false;
  let live: Subscription | null = null;
  const read = (after: LogPosition | null) => {
    const next = store.readAll({ after, maxCount: options.batchSize });
    next.catch(() => undefined); // observed below; this only keeps an abandoned read-ahead quiet
    return next;
  };

  const running = (async () => {
    let position = options.after;
    let next = read(position);
    for (;;) {
      let batch: RecordedEvent[];
      try {
        batch = await next;
      } catch (error) {
        if (stopped) return;
        options.onError(error);
        await new Promise((resolve) => setTimeout(resolve, options.retryMs ?? 500));
        next = read(position);
        continue;
      }
      const full = batch.length === options.batchSize;
      if (full) next = read(batch[batch.length - 1]!.position);
      for (const event of batch) {
        if (stopped) return;
        try {
          await options.onEvent(event);
        } catch {
          return;
        }
        position = event.position;
      }
      if (!full || stopped) break;
    }
    if (!stopped) live = store.subscribeToAll({ after: position, onEvent: options.onEvent, onError: options.onError });
  })();

  return {
    async stop() {
      stopped = true;
      await running;
      await live?.stop();
    },
  };
}
