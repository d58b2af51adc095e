import amqplib from 'amqplib';
import type { DeadLetterQueues } from '../../ports/deadLetterQueues';
import type { BusNames } from '../../ports/busNames';
import { listDeadLetters } from './listDeadLetters';
import { redriveDeadLetters } from './redriveDeadLetters';

export interface DeadLetterQueueSettings {
  /** With the vhost (amqpUrlWithVhost). */
  url: string;
  names: BusNames;
  confirmTimeoutMs: number;
  /** The connection's broker user (brokerUserOf): a redriven command keeps a trusted publisher. */
  brokerUser: string;
}

/** The dead-letter queues over a plain connection: an operator command should fail fast, not
 * reconnect forever. Each operation takes its own channel, since a missing queue closes it. */
export async function connectDeadLetterQueues(settings: DeadLetterQueueSettings): Promise<DeadLetterQueues> {
  const connection = await amqplib.connect(settings.url, { clientProperties: { connection_name: 'cli' } });
  // A closed channel (e.g. 404 for an unknown queue) also rejects the operation; without listeners
  // the same error would crash the process as an unhandled 'error' event.
  connection.on('error', () => undefined);
  const withChannel = async <T>(work: (channel: amqplib.ConfirmChannel) => Promise<T>): Promise<T> => {
    const channel = await connection.createConfirmChannel();
    channel.on('error', () => undefined);
    try {
      return await work(channel);
    } catch (error) {
      if ((error as { code?: number }).code === 404) {
        throw new Error(`No such queue: ${(error as Error).message.replace(/^.*NOT_FOUND - /, '').replace(/"$/, '')}. Is the consumer group name right (e.g. notifier, commands)?`, { cause: error });
      }
      throw error;
    } finally {
      await channel.close().catch(() => undefined);
    }
  };
  return {
    list: (group, options = {}) => withChannel((channel) => listDeadLetters(channel, settings.names, group, options)),
    redrive: (group, options = {}) => withChannel((channel) => redriveDeadLetters(channel, settings.names, group, {
      ...(options.messageId !== undefined ? { messageId: options.messageId } : {}), confirmTimeoutMs: settings.confirmTimeoutMs, brokerUser: settings.brokerUser,
    })),
    async close() {
      await connection.close().catch(() => undefined);
    },
  };
}
