import { type AllStreamSubscription, type EventStoreDBClient, excludeSystemEvents, START } from '@eventstore/db-client';
import type { LogPosition, SubscribeToAllOptions, Subscription } from '../../../ports/eventStore';
import { compareLogPositions } from '../../../ports/logPosition';
import { isSystemEvent, mapEsdbEvent, toEsdbPosition } from './mapEsdbEvent';
import { deliverEvent } from '../deliverEvent';

/** EventStoreDB's own catch-up subscription with the server-side system-event filter. A dropped
 * subscription is re-opened from the last delivered position after `retryMs`; the position check
 * makes the re-opened one start strictly after it whatever the server's inclusiveness. */
export function subscribeToEsdbAll(client: EventStoreDBClient, options: SubscribeToAllOptions, retryMs = 1000): Subscription {
  let after: LogPosition | null = options.after ?? null;
  let stopped = false;
  let current: AllStreamSubscription | null = null;

  const runOnce = async (): Promise<void> => {
    current = client.subscribeToAll({ fromPosition: after ? toEsdbPosition(after) : START, filter: excludeSystemEvents() });
    for await (const resolved of current) {
      if (stopped) return;
      if (isSystemEvent(resolved)) continue;
      const event = mapEsdbEvent(resolved);
      if (after && compareLogPositions(event.position, after) <= 0) continue;
      if (!(await deliverEvent(event, options))) {
        stopped = true;
        return;
      }
      after = event.position;
    }
  };

  const loop = async (): Promise<void> => {
    while (!stopped) {
      try {
        await runOnce();
      } catch (error) {
        if (stopped) return;
        options.onError?.(error);
      }
      if (!stopped) await new Promise((resolve) => setTimeout(resolve, retryMs));
    }
  };

  const running = loop();
  return {
    async stop() {
      stopped = true;
      await current?.unsubscribe().catch(() => undefined);
      await running;
    },
  };
}
