import type { AmqpConnectionManager } from 'amqp-connection-manager';
import type { Logger } from 'pino';
import { commandIngressGroup, commandRoutingKey, type BusNames } from '../../ports/busNames';
import type { CommandMessageHandler } from '../../ports/commandQueue';
import { consumeReliably, type ReliableConsumer } from './consumeReliably';
import { declareReliableQueue } from './declareReliableQueue';
import { messagePublisher } from './messagePublisher';

export interface CommandQueueSettings {
  connection: AmqpConnectionManager;
  names: BusNames;
  prefetch: number;
  /** Commands are independent (the pipeline settles conflicts), so several run at once. */
  concurrency: number;
  deliveryLimit: number;
  retryDelaysMs: number[];
  confirmTimeoutMs?: number;
  /** The broker user of `connection`: copies of a command (retries, redrives) carry it as their
   * user_id and the first publisher in a header, believed only under this user (messagePublisher). */
  brokerUser: string;
  logger?: Logger;
}

/** The command queue (`platform.commands`, bound to the command exchange) as a reliable consumer group
 * whose messages `handler` answers, told who published each. */
export function consumeCommandQueue(settings: CommandQueueSettings, handler: CommandMessageHandler): ReliableConsumer {
  const { names } = settings;
  return consumeReliably({
    connection: settings.connection,
    names,
    group: commandIngressGroup,
    queue: names.commandQueue,
    declare: async (channel) => {
      await declareReliableQueue(channel, names, { group: commandIngressGroup, queue: names.commandQueue, deliveryLimit: settings.deliveryLimit, retryDelaysMs: settings.retryDelaysMs });
      await channel.assertExchange(names.commandExchange, 'direct', { durable: true });
      await channel.bindQueue(names.commandQueue, names.commandExchange, commandRoutingKey);
    },
    prefetch: settings.prefetch,
    concurrency: settings.concurrency,
    deliveryLimit: settings.deliveryLimit,
    retryDelaysMs: settings.retryDelaysMs,
    confirmTimeoutMs: settings.confirmTimeoutMs,
    brokerUser: settings.brokerUser,
    logger: settings.logger,
    handle: (message, { channel }) => handler.handle(message, { channel, publisher: messagePublisher(message.properties, settings.brokerUser) }),
    onDeadLetter: (message, error, channel) => handler.onDeadLetter(message, error, { channel }),
  });
}
