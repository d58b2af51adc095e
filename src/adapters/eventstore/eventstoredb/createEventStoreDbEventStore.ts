import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  StreamNotFoundError,
  WrongExpectedVersionError as EsdbWrongExpectedVersionError,
  jsonEvent,
  type JSONType,
} from '@eventstore/db-client';
import { v7 as uuidv7 } from 'uuid';
import { type EventStore, type RecordedEvent, WrongExpectedVersionError } from '../../../ports/eventStore';
import { backlogByReading } from '../backlogByReading';
import { isSystemEvent, mapEsdbEvent, toLogPosition } from './mapEsdbEvent';
import { readAllSkippingSystemEvents } from './readAllSkippingSystemEvents';
import { subscribeToEsdbAll } from './subscribeToEsdbAll';
import { toExpectedRevision } from './toExpectedRevision';

export type EventStoreDbEventStoreOptions =
  /** The store creates the client and disposes it on close(). */
  | { connectionString: string }
  /** The caller owns the client: close() leaves it open. */
  | { client: EventStoreDBClient };

/** The EventStore port over EventStoreDB (docs/architecture.md, Event store). Reading `$all` needs a user allowed to
 * (admin by default), given in the connection string. */
export function createEventStoreDbEventStore(options: EventStoreDbEventStoreOptions): EventStore {
  const ownsClient = 'connectionString' in options;
  const client = 'client' in options ? options.client : EventStoreDBClient.connectionString(options.connectionString);
  const subscriptions = new Set<{ stop(): Promise<void> }>();

  const store: EventStore = {
    async appendToStream(streamName, events, { expectedVersion }) {
      try {
        const result = await client.appendToStream(
          streamName,
          events.map((event) =>
            jsonEvent({ id: event.eventId ?? uuidv7(), type: event.type, data: event.data as JSONType, metadata: event.metadata })),
          { expectedRevision: toExpectedRevision(expectedVersion) },
        );
        const nextExpectedVersion = Number(result.nextExpectedRevision);
        if (result.position) return { nextExpectedVersion, position: toLogPosition(result.position) };
        // Older servers omit the position: the stream's last event carries it.
        const [last] = await store.readStream(streamName, { direction: 'backwards', maxCount: 1 });
        return { nextExpectedVersion, position: last?.position ?? { transactionId: 0, globalPosition: 0 } };
      } catch (error) {
        if (error instanceof EsdbWrongExpectedVersionError) {
          const actual = error.actualVersion === NO_STREAM ? null : Number(error.actualVersion);
          throw new WrongExpectedVersionError(streamName, expectedVersion, actual);
        }
        throw error;
      }
    },

    async readStream(streamName, { fromVersion, direction = 'forwards', maxCount } = {}) {
      const backwards = direction === 'backwards';
      if (backwards && fromVersion !== undefined && fromVersion < 0) return [];
      const events: RecordedEvent[] = [];
      try {
        const read = client.readStream(streamName, {
          direction: backwards ? BACKWARDS : FORWARDS,
          fromRevision: fromVersion !== undefined ? BigInt(Math.max(fromVersion, 0)) : backwards ? END : BigInt(0),
          ...(maxCount !== undefined ? { maxCount } : {}),
        });
        for await (const resolved of read) if (!isSystemEvent(resolved)) events.push(mapEsdbEvent(resolved));
      } catch (error) {
        if (error instanceof StreamNotFoundError) return [];
        throw error;
      }
      return events;
    },

    readAll: (readOptions = {}) => readAllSkippingSystemEvents(client, readOptions),
    // EventStoreDB keeps no count of `$all`: bounded callers pass a limit.
    backlog: (after, { limit } = {}) => backlogByReading(store.readAll, after, limit),

    subscribeToAll(subscribeOptions) {
      const subscription = subscribeToEsdbAll(client, subscribeOptions);
      const tracked = {
        async stop() {
          subscriptions.delete(tracked);
          await subscription.stop();
        },
      };
      subscriptions.add(tracked);
      return tracked;
    },

    async close() {
      await Promise.all([...subscriptions].map((subscription) => subscription.stop()));
      if (ownsClient) await client.dispose();
    },
  };
  return store;
}
