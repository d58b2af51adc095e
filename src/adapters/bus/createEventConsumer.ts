import type { AmqpConnectionManager } from 'amqp-connection-manager';
import pg from 'pg';
import type { Logger } from 'pino';
import type { RecordedEvent } from '../../ports/eventStore';
import type { EventConsumerDefinition } from '../../ports/eventConsumer';
import type { BusNames } from '../../ports/busNames';
import { consumeReliably, type ReliableConsumer } from './consumeReliably';
import { declareConsumerGroup } from './declareEventTopology';
import { fromEventMessage } from './eventMessage';
import { PermanentMessageError } from '../../ports/eventConsumer';
import { readPublishedEvent } from './readPublishedEvent';

export interface EventConsumerDeps {
  connection: AmqpConnectionManager;
  pool: pg.Pool;
  /** Schema of the inbox table (migrateBus). */
  schema: string;
  names: BusNames;
  prefetch: number;
  deliveryLimit: number;
  retryDelaysMs: number[];
  confirmTimeoutMs?: number;
  logger?: Logger;
}

/** A consumer group fed by the relay. Each message is applied in one transaction with its inbox row
 * `(group, messageId)`: a redelivered or duplicated event commits nothing the second time. */
export function createEventConsumer(deps: EventConsumerDeps, definition: EventConsumerDefinition): ReliableConsumer {
  const inbox = `${pg.escapeIdentifier(deps.schema)}.inbox`;
  const routingKeys = definition.routingKeys ?? Object.keys(definition.handlers).map((type) => `*.${type}`);

  return consumeReliably({
    connection: deps.connection,
    names: deps.names,
    group: definition.group,
    queue: deps.names.consumerQueue(definition.group),
    declare: (channel) =>
      declareConsumerGroup(channel, deps.names, { group: definition.group, routingKeys, deliveryLimit: deps.deliveryLimit, retryDelaysMs: deps.retryDelaysMs }),
    prefetch: deps.prefetch,
    concurrency: definition.concurrency ?? 1,
    deliveryLimit: deps.deliveryLimit,
    retryDelaysMs: deps.retryDelaysMs,
    confirmTimeoutMs: deps.confirmTimeoutMs,
    logger: deps.logger,
    async handle(message, { attempt, lastAttempt }) {
      let event: RecordedEvent;
      try {
        event = fromEventMessage(message.content);
      } catch (error) {
        throw new PermanentMessageError(`Undecodable event message: ${error instanceof Error ? error.message : String(error)}`);
      }
      // A broad binding may bring types nobody here handles: nothing to do, nothing to remember.
      if (!Object.hasOwn(definition.handlers, event.type)) return 'ignored';
      if (definition.trustedSource) {
        const stored = await readPublishedEvent(definition.trustedSource, event, message.properties.messageId as string | undefined);
        if (!stored) throw new PermanentMessageError(`message ${String(message.properties.messageId)} names no stored event; not acted on`);
        event = stored;
      }
      const handler = Object.hasOwn(definition.handlers, event.type) ? definition.handlers[event.type] : undefined;
      if (!handler) return 'ignored';
      const messageId = message.properties.messageId ?? event.eventId;

      const tx = await deps.pool.connect();
      let broken: Error | undefined;
      try {
        await tx.query('BEGIN');
        const claimed = await tx.query(`INSERT INTO ${inbox} (consumer, message_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [definition.group, messageId]);
        if (claimed.rowCount === 0) {
          await tx.query('COMMIT');
          return 'duplicate';
        }
        const committed: Array<() => void> = [];
        await handler(event, { tx, attempt, lastAttempt, afterCommit: (callback) => committed.push(callback) });
        await tx.query('COMMIT');
        for (const callback of committed) callback();
        return 'handled';
      } catch (error) {
        // A connection that cannot even roll back is discarded rather than returned to the pool.
        await tx.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
        throw error;
      } finally {
        tx.release(broken);
      }
    },
  });
}
