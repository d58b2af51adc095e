import type { Channel } from 'amqplib';
import type { BusNames } from '../../ports/busNames';

export interface ReliableQueueSpec {
  group: string;
  queue: string;
  /** Broker-side redelivery limit (crash loops); handler failures are counted by the consumer. */
  deliveryLimit: number;
  retryDelaysMs: number[];
}

// Quorum queues dead-letter at most once unless at-least-once is declared, and at-least-once
// requires reject-publish overflow (docs/architecture.md, Bus; checked on RabbitMQ 3.10).
const reliableDeadLettering = { 'x-dead-letter-strategy': 'at-least-once', 'x-overflow': 'reject-publish' };

/** Declares, idempotently, a group's quorum queue, its delay queues and its dead-letter queue.
 * Arguments of an existing queue cannot change: a changed delivery limit needs the queue deleted
 * (or a policy), which is why every argument comes from config and never from code paths. */
export async function declareReliableQueue(channel: Channel, names: BusNames, spec: ReliableQueueSpec): Promise<void> {
  const deadLetterQueue = names.deadLetterQueue(spec.group);
  await channel.assertExchange(names.deadLetterExchange, 'direct', { durable: true });
  await channel.assertQueue(deadLetterQueue, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
  await channel.bindQueue(deadLetterQueue, names.deadLetterExchange, spec.group);

  await channel.assertQueue(spec.queue, {
    durable: true,
    arguments: {
      'x-queue-type': 'quorum',
      'x-delivery-limit': spec.deliveryLimit,
      'x-dead-letter-exchange': names.deadLetterExchange,
      'x-dead-letter-routing-key': spec.group,
      ...reliableDeadLettering,
    },
  });

  for (const delayMs of new Set(spec.retryDelaysMs)) {
    // Expired messages go back through the default exchange straight to the group's queue.
    await channel.assertQueue(names.retryQueue(spec.group, delayMs), {
      durable: true,
      arguments: {
        'x-queue-type': 'quorum',
        'x-message-ttl': delayMs,
        'x-dead-letter-exchange': '',
        'x-dead-letter-routing-key': spec.queue,
        ...reliableDeadLettering,
      },
    });
  }
}
