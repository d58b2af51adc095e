import type { BusEventHandler, EventConsumerDefinition } from '../../ports/eventConsumer';
import type { EventStore } from '../../ports/eventStore';
import type { SagaSchedule } from '../../ports/sagaSchedule';
import type { SagaTrigger } from '../../domain/saga/sagaTrigger';
import { scheduledSagaOf } from './scheduledSagaOf';

/**
 * A saga kind's consumer group on platform.events (quorum queue, delivery limit, DLQ, inbox): each
 * trigger event schedules its saga and wakes the processor; competing workers share the queue. The
 * event acted on is the one in the event store, never the message body (a forged trigger starts
 * nothing). The row is written in the inbox's own transaction (no second connection: a worker whose
 * pool is busy with running sagas must still take triggers), and the processor is woken after it.
 */
export function sagaTriggerConsumer(options: {
  group: string; triggers: readonly SagaTrigger[]; schedule: SagaSchedule; store: Pick<EventStore, 'readStream'>; wake: () => void; concurrency?: number;
}): EventConsumerDefinition {
  const handlers: Record<string, BusEventHandler> = {};
  for (const trigger of options.triggers) {
    handlers[trigger.eventType] = async (event, { tx, afterCommit }) => {
      await options.schedule.add(scheduledSagaOf(trigger, event), tx);
      afterCommit(options.wake);
    };
  }
  return { group: options.group, handlers, trustedSource: options.store, concurrency: options.concurrency ?? 4 };
}
