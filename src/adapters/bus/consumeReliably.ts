import type { ConfirmChannel, ConsumeMessage } from 'amqplib';
import type { AmqpConnectionManager } from 'amqp-connection-manager';
import type { Logger } from 'pino';
import { consumerMessagesTotal } from '../../observability/busMetrics';
import { busHeaders, describeError, retriesOf } from './busHeaders';
import type { BusNames } from '../../ports/busNames';
import { copyPublishOptions } from './copyPublishOptions';
import { createTaskLimiter } from './createTaskLimiter';
import { openManagedChannel } from './openManagedChannel';
import { PermanentMessageError } from '../../ports/eventConsumer';
import { publishConfirmed } from './publishConfirmed';

export interface MessageContext {
  channel: ConfirmChannel;
  /** 1 on the first delivery; counts handler failures, not redeliveries after a lost channel. */
  attempt: number;
  /** True when this is the last attempt before the message is dead-lettered. */
  lastAttempt: boolean;
}

export type MessageOutcome = 'handled' | 'duplicate' | 'ignored' | 'rejected';

export interface ReliableConsumerOptions {
  connection: AmqpConnectionManager;
  names: BusNames;
  group: string;
  queue: string;
  /** Declares the queue topology; re-run on every reconnect. */
  declare(channel: ConfirmChannel): Promise<void>;
  prefetch: number;
  /** 1 keeps the queue's order; more runs independent messages side by side. */
  concurrency?: number;
  /** Handler failures retried before the message is dead-lettered (a limit of 3 means 4 attempts). */
  deliveryLimit: number;
  retryDelaysMs: number[];
  confirmTimeoutMs?: number;
  /** The broker user of `connection`: copies of a message carry it as their user_id and the first
   * publisher in a header (copyPublishOptions), for consumers that act on who published. */
  brokerUser?: string;
  /** Resolves → ack. Throws → delayed retry, or the DLQ once the limit is reached or when permanent. */
  handle(message: ConsumeMessage, context: MessageContext): Promise<MessageOutcome>;
  /** Called before a message is dead-lettered, e.g. to send the caller a problem reply. */
  onDeadLetter?(message: ConsumeMessage, error: unknown, channel: ConfirmChannel): Promise<void>;
  logger?: Logger;
}

export interface ReliableConsumer {
  /** Resolves when the first channel consumes. */
  ready(): Promise<void>;
  /** Stop consuming, finish what was delivered (acking it), close the channel. */
  stop(): Promise<void>;
}

/** The runtime shared by every group queue (event consumers and the command ingress): bounded
 * prefetch, delayed retries with backoff, dead-lettering with the error in the headers, resuming
 * after a reconnect. Messages of a channel that died are skipped: the broker redelivers them. */
export function consumeReliably(options: ReliableConsumerOptions): ReliableConsumer {
  const limiter = createTaskLimiter(options.concurrency ?? 1);
  const confirmTimeoutMs = options.confirmTimeoutMs ?? 10_000;
  const log = options.logger?.child({ component: 'bus-consumer', group: options.group });
  let stopping = false;
  let current: { channel: ConfirmChannel; consumerTag: string } | null = null;

  const delayFor = (attempt: number): number => {
    const delays = options.retryDelaysMs;
    return delays[Math.min(attempt - 1, delays.length - 1)] ?? 1000;
  };

  const settle = (channel: ConfirmChannel, message: ConsumeMessage): void => {
    // A closed channel cannot ack; the broker redelivers and the inbox absorbs the repeat.
    try {
      channel.ack(message);
    } catch {
      /* channel gone */
    }
  };

  const process = async (channel: ConfirmChannel, closed: () => boolean, message: ConsumeMessage): Promise<void> => {
    if (closed()) return;
    const retries = retriesOf(message.properties.headers);
    const attempt = retries + 1;
    try {
      const outcome = await options.handle(message, { channel, attempt, lastAttempt: attempt > options.deliveryLimit });
      consumerMessagesTotal.inc({ group: options.group, outcome });
      settle(channel, message);
      return;
    } catch (error) {
      const permanent = error instanceof PermanentMessageError;
      const described = describeError(error);
      const headers: Record<string, unknown> = {
        ...message.properties.headers,
        [busHeaders.retries]: attempt,
        [busHeaders.lastError]: described.message,
        [busHeaders.lastErrorName]: described.name,
        [busHeaders.failedAt]: new Date().toISOString(),
      };
      try {
        if (!permanent && attempt <= options.deliveryLimit) {
          const delayMs = delayFor(attempt);
          log?.warn({ messageId: message.properties.messageId, correlationId: message.properties.correlationId, attempt, delayMs, err: error }, 'handler failed; retrying later');
          await publishConfirmed(channel, '', options.names.retryQueue(options.group, delayMs), message.content, copyPublishOptions(message.properties, headers, options.brokerUser), confirmTimeoutMs);
          consumerMessagesTotal.inc({ group: options.group, outcome: 'retried' });
        } else {
          log?.error({ messageId: message.properties.messageId, correlationId: message.properties.correlationId, attempt, err: error }, 'message dead-lettered');
          await options.onDeadLetter?.(message, error, channel).catch((replyError: unknown) => log?.warn({ messageId: message.properties.messageId, correlationId: message.properties.correlationId, err: replyError }, 'dead-letter hook failed'));
          headers[busHeaders.deadLetteredFrom] = options.queue;
          await publishConfirmed(channel, options.names.deadLetterExchange, options.group, message.content, copyPublishOptions(message.properties, headers, options.brokerUser), confirmTimeoutMs);
          consumerMessagesTotal.inc({ group: options.group, outcome: 'dead_lettered' });
        }
        settle(channel, message);
      } catch (publishError) {
        // The copy may not exist: leave the original unacked so the broker hands it out again.
        log?.warn({ messageId: message.properties.messageId, correlationId: message.properties.correlationId, err: publishError }, 'could not move a failed message; it will be redelivered');
      }
    }
  };

  let markReady: () => void = () => undefined;
  const readyPromise = new Promise<void>((resolve) => (markReady = resolve));

  const managed = openManagedChannel(options.connection, {
    name: `consumer:${options.group}`,
    logger: options.logger,
    setup: async (channel) => {
      let isClosed = false;
      channel.on('close', () => (isClosed = true));
      await options.declare(channel);
      if (stopping) return;
      await channel.prefetch(options.prefetch);
      const { consumerTag } = await channel.consume(options.queue, (message) => {
        // null = the broker cancelled the consumer (queue deleted): a fresh channel re-declares it.
        if (!message) {
          void channel.close().catch(() => undefined);
          return;
        }
        limiter.run(() => process(channel, () => isClosed, message));
      });
      current = { channel, consumerTag };
      markReady();
    },
  });

  return {
    ready: () => readyPromise,
    async stop() {
      stopping = true;
      const active = current;
      if (active) await active.channel.cancel(active.consumerTag).catch(() => undefined);
      await limiter.idle();
      await managed.close();
    },
  };
}
