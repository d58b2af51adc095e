import type { LogPosition, ReadAllOptions, RecordedEvent, SubscribeToAllOptions, Subscription } from '../../ports/eventStore';
import { createWakeSignal, type WakeSignal } from '../../ports/wakeSignal';
import { deliverEvent } from './deliverEvent';

export interface CatchUpSubscriptionOptions extends SubscribeToAllOptions {
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Adapters call `wake.signal()` when something may have been appended. */
  wake?: WakeSignal;
  /** Upper bound on how long new events can go unnoticed when no wake-up arrives. */
  pollIntervalMs: number;
  batchSize?: number;
  /** Awaited once when the subscription stops, e.g. to release a LISTEN client. */
  onStop?(): Promise<void>;
}

/** Catch-up then live over any gap-safe `readAll`: the checkpoint only moves past an event after
 * its handler resolved, so nothing is skipped or delivered twice. */
export function runCatchUpSubscription(options: CatchUpSubscriptionOptions): Subscription & { wake: WakeSignal } {
  const wake = options.wake ?? createWakeSignal();
  const batchSize = options.batchSize ?? 500;
  let after: LogPosition | null = options.after ?? null;
  let stopped = false;
  // > 0 while chasing a wake-up whose read found nothing: the appended events are probably held
  // back by a transaction open elsewhere in the cluster (gap-safe reads), so look again soon,
  // backing off towards the poll interval, instead of sleeping the whole interval.
  let chaseMs = 0;

  const loop = async (): Promise<void> => {
    while (!stopped) {
      let batch: RecordedEvent[];
      try {
        batch = await options.readAll({ after, maxCount: batchSize });
      } catch (error) {
        // A failed read (connection lost, failover) is transient: report it and try again later.
        if (stopped) return;
        options.onError?.(error);
        await wake.wait(options.pollIntervalMs);
        continue;
      }
      for (const event of batch) {
        if (stopped) return;
        if (!(await deliverEvent(event, options))) {
          stopped = true;
          return;
        }
        after = event.position;
      }
      if (batch.length < batchSize && !stopped) {
        if (batch.length > 0) chaseMs = 0;
        const signaled = await wake.wait(chaseMs > 0 ? chaseMs : options.pollIntervalMs);
        if (signaled) chaseMs = 5;
        else if (chaseMs > 0) chaseMs = chaseMs * 2 >= options.pollIntervalMs ? 0 : chaseMs * 2;
      }
    }
  };

  const running = loop();
  return {
    wake,
    async stop() {
      stopped = true;
      wake.signal();
      await running;
      await options.onStop?.();
    },
  };
}
