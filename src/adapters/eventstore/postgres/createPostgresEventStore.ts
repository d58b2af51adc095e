import type pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { type EventStore, type ExpectedVersion, type NewEvent, WrongExpectedVersionError } from '../../../ports/eventStore';
import { checkExpectedVersion, NO_STREAM_VERSION } from '../checkExpectedVersion';
import { createWakeSignal } from '../../../ports/wakeSignal';
import { runCatchUpSubscription } from '../runCatchUpSubscription';
import { appendedChannel, appendSql, backlogSql, readAllSql, readStreamBackwardsSql, readStreamForwardsSql, streamVersionSql } from './eventStoreSql';
import { listenForAppends } from './listenForAppends';
import { mapEventRow, type EventRow } from './mapEventRow';
import { createNotifier } from './createNotifier';

export interface PostgresEventStoreOptions {
  /** Owned by the caller: close() leaves it open. */
  pool: pg.Pool;
  /** Schema created by migrateEventStore. */
  schema: string;
  /** Fallback poll of subscriptions when no NOTIFY arrives (lost connection, foreign writer). */
  pollIntervalMs?: number;
}

interface AppendRow {
  ok: boolean;
  actual_version: number;
  next_version: number | null;
  last_transaction_id: string | null;
  last_global_position: number | null;
}

export function createPostgresEventStore({ pool, schema, pollIntervalMs = 500 }: PostgresEventStoreOptions): EventStore {
  // Named statements: pg prepares each once per connection, so the hot paths skip parsing and
  // planning (which cost more than executing a single-row append or a stream read).
  const named = (name: string, text: string) => ({ name: `eventstore.${schema}.${name}`, text });
  const sql = {
    append: named('append', appendSql(schema)),
    readAll: named('readAll', readAllSql(schema)),
    forwards: named('forwards', readStreamForwardsSql(schema)),
    backwards: named('backwards', readStreamBackwardsSql(schema)),
    version: named('version', streamVersionSql(schema)),
    backlog: named('backlog', backlogSql(schema)),
  };
  const channel = appendedChannel(schema);
  const notifier = createNotifier(pool, channel);
  const subscriptions = new Set<{ stop(): Promise<void> }>();

  const currentVersion = async (streamName: string): Promise<number> => {
    const { rows } = await pool.query<{ version: number }>({ ...sql.version, values: [streamName] });
    return rows[0]?.version ?? NO_STREAM_VERSION;
  };

  const store: EventStore = {
    async appendToStream(streamName: string, events: NewEvent[], { expectedVersion }: { expectedVersion: ExpectedVersion }) {
      if (events.length === 0) {
        // Nothing to write: just check the expectation (the function would create an empty stream).
        const version = await currentVersion(streamName);
        checkExpectedVersion(streamName, expectedVersion, version);
        const last = version === NO_STREAM_VERSION ? [] : await store.readStream(streamName, { direction: 'backwards', maxCount: 1 });
        return { nextExpectedVersion: version, position: last[0]?.position ?? { transactionId: 0, globalPosition: 0 } };
      }
      const { rows } = await pool.query<AppendRow>({
        ...sql.append,
        values: [
          streamName,
          String(expectedVersion),
          events.map((event) => event.eventId ?? uuidv7()),
          events.map((event) => event.type),
          events.map((event) => JSON.stringify(event.data)),
          events.map((event) => JSON.stringify(event.metadata)),
        ],
      });
      const row = rows[0]!;
      if (!row.ok) {
        throw new WrongExpectedVersionError(streamName, expectedVersion, row.actual_version === NO_STREAM_VERSION ? null : row.actual_version);
      }
      notifier.notify();
      return {
        nextExpectedVersion: Number(row.next_version),
        position: { transactionId: Number(row.last_transaction_id), globalPosition: Number(row.last_global_position) },
      };
    },

    async readStream(streamName, { fromVersion, direction = 'forwards', maxCount } = {}) {
      const query = direction === 'forwards' ? sql.forwards : sql.backwards;
      const from = fromVersion ?? (direction === 'forwards' ? 0 : Number.MAX_SAFE_INTEGER);
      const { rows } = await pool.query<EventRow>({ ...query, values: [streamName, from, maxCount ?? null] });
      return rows.map(mapEventRow);
    },

    async readAll({ after, maxCount } = {}) {
      const { rows } = await pool.query<EventRow>({ ...sql.readAll, values: [String(after?.transactionId ?? 0), after?.globalPosition ?? 0, maxCount ?? null] });
      return rows.map(mapEventRow);
    },

    async backlog(after, { limit } = {}) {
      const { rows } = await pool.query<{ events: number; oldest_at: Date | null }>({
        ...sql.backlog, values: [String(after?.transactionId ?? 0), after?.globalPosition ?? 0, limit ?? null],
      });
      return { events: rows[0]?.events ?? 0, oldestAt: rows[0]?.oldest_at ?? null };
    },

    subscribeToAll(options) {
      const wake = createWakeSignal();
      const listener = listenForAppends(pool, channel, () => wake.signal(), { retryMs: pollIntervalMs, onError: options.onError });
      const subscription = runCatchUpSubscription({
        ...options,
        readAll: (readOptions) => store.readAll(readOptions),
        wake,
        pollIntervalMs,
        onStop: async () => {
          subscriptions.delete(subscription);
          await listener.close();
        },
      });
      subscriptions.add(subscription);
      return subscription;
    },

    async close() {
      await Promise.all([...subscriptions].map((subscription) => subscription.stop()));
      await notifier.close();
    },
  };
  return store;
}
