import type { Channel } from 'amqplib';
import type { BusNames } from '../../ports/busNames';
import { declareReliableQueue } from './declareReliableQueue';

export async function declareEventsExchange(channel: Channel, names: BusNames): Promise<void> {
  await channel.assertExchange(names.eventsExchange, 'topic', { durable: true });
}

export interface ConsumerGroupTopology {
  group: string;
  /** Topic patterns on the events exchange, e.g. `tenant.TenantCreated` or `instance.*`. */
  routingKeys: string[];
  deliveryLimit: number;
  retryDelaysMs: number[];
}

/** The events exchange plus a consumer group's queues and bindings. Bindings are only added:
 * a key dropped from the code stays bound until removed by hand (see decision 014). */
export async function declareConsumerGroup(channel: Channel, names: BusNames, topology: ConsumerGroupTopology): Promise<void> {
  const queue = names.consumerQueue(topology.group);
  await declareEventsExchange(channel, names);
  await declareReliableQueue(channel, names, { group: topology.group, queue, deliveryLimit: topology.deliveryLimit, retryDelaysMs: topology.retryDelaysMs });
  for (const key of new Set(topology.routingKeys)) await channel.bindQueue(queue, names.eventsExchange, key);
}
