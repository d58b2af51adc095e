import type pg from 'pg';
import type { EventStore, RecordedEvent } from './eventStore';

// A consumer group on platform.events (docs/architecture.md, Bus): what its handlers are given and may throw.

export interface EventHandlerContext {
  /** The transaction that also records the message in the inbox: do the handler's own writes here. */
  tx: pg.PoolClient;
  attempt: number;
  lastAttempt: boolean;
  /** Runs once the transaction committed (e.g. waking whoever reads what the handler wrote). */
  afterCommit(callback: () => void): void;
}

export type BusEventHandler = (event: RecordedEvent, context: EventHandlerContext) => Promise<void>;

export interface EventConsumerDefinition {
  /** The consumer group, e.g. `provisionInstance` or `notifier`; names its queues and inbox rows. */
  group: string;
  handlers: Record<string, BusEventHandler>;
  /** Binding patterns; by default `*.<EventType>` for every handled type. */
  routingKeys?: string[];
  concurrency?: number;
  /** For groups that act on secrets (the notifier): handlers get the event as stored here, never the
   * message body, and a message naming no stored event is dead-lettered (readPublishedEvent). */
  trustedSource?: Pick<EventStore, 'readStream'>;
}

/** Thrown by a handler for a message that can never succeed (malformed, unknown type, invalid):
 * it is dead-lettered at once instead of being retried up to the delivery limit. */
export class PermanentMessageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentMessageError';
  }
}
