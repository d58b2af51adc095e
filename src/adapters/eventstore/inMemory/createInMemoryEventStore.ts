import { v7 as uuidv7 } from 'uuid';
import type { EventStore, RecordedEvent } from '../../../ports/eventStore';
import { backlogByReading } from '../backlogByReading';
import { checkExpectedVersion, NO_STREAM_VERSION } from '../checkExpectedVersion';
import { compareLogPositions } from '../../../ports/logPosition';
import { createWakeSignal, type WakeSignal } from '../../../ports/wakeSignal';
import { runCatchUpSubscription } from '../runCatchUpSubscription';
import { sliceStream } from './sliceStream';

/** For unit tests and local runs. Positions: transactionId = append batch number,
 * globalPosition = running event counter, so `$all` order matches the Postgres adapter's shape. */
export function createInMemoryEventStore(options: { pollIntervalMs?: number } = {}): EventStore {
  const all: RecordedEvent[] = [];
  const streams = new Map<string, RecordedEvent[]>();
  const wakes = new Set<WakeSignal>();
  let batchNumber = 0;

  // Data goes through JSON like it does through jsonb/ESDB, so a test passing here cannot rely on
  // something the real stores lose (Dates, undefined), and a caller mutating a read cannot rewrite history.
  const viaJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
  const copy = (event: RecordedEvent): RecordedEvent => ({
    ...event,
    data: viaJson(event.data),
    metadata: viaJson(event.metadata),
    position: { ...event.position },
    createdAt: new Date(event.createdAt.getTime()),
  });

  const store: EventStore = {
    async appendToStream(streamName, events, { expectedVersion }) {
      const stream = streams.get(streamName) ?? [];
      const currentVersion = stream.length - 1;
      checkExpectedVersion(streamName, expectedVersion, stream.length === 0 ? NO_STREAM_VERSION : currentVersion);
      if (events.length === 0) {
        const last = stream.at(-1);
        return { nextExpectedVersion: currentVersion, position: last ? last.position : { transactionId: 0, globalPosition: 0 } };
      }
      batchNumber += 1;
      const createdAt = new Date();
      const recorded = events.map((event, index): RecordedEvent => ({
        eventId: event.eventId ?? uuidv7(),
        type: event.type,
        data: viaJson(event.data),
        metadata: viaJson(event.metadata),
        streamName,
        streamPosition: stream.length + index,
        position: { transactionId: batchNumber, globalPosition: all.length + index + 1 },
        createdAt,
      }));
      stream.push(...recorded);
      streams.set(streamName, stream);
      all.push(...recorded);
      for (const wake of wakes) wake.signal();
      const last = recorded[recorded.length - 1]!;
      return { nextExpectedVersion: last.streamPosition, position: last.position };
    },

    async readStream(streamName, options = {}) {
      return sliceStream(streams.get(streamName) ?? [], options).map(copy);
    },

    async readAll({ after, maxCount } = {}) {
      // Positions increase with the array index, so the first event after `after` is found by search.
      let start = 0;
      if (after) {
        let low = 0;
        let high = all.length;
        while (low < high) {
          const mid = (low + high) >>> 1;
          if (compareLogPositions(all[mid]!.position, after) <= 0) low = mid + 1;
          else high = mid;
        }
        start = low;
      }
      return all.slice(start, maxCount === undefined ? undefined : start + maxCount).map(copy);
    },

    backlog(after, { limit } = {}) {
      return backlogByReading(store.readAll, after, limit);
    },

    subscribeToAll(subscribeOptions) {
      const wake = createWakeSignal();
      wakes.add(wake);
      return runCatchUpSubscription({
        ...subscribeOptions,
        readAll: (readOptions) => store.readAll(readOptions),
        wake,
        pollIntervalMs: options.pollIntervalMs ?? 1000,
        onStop: async () => {
          wakes.delete(wake);
        },
      });
    },

    async close() {
      wakes.clear();
    },
  };
  return store;
}
