import type pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import type { RecordedEvent } from '../../../src/ports/eventStore';
import { createPostgresEventStore } from '../../../src/adapters/eventstore/postgres/createPostgresEventStore';
import { appendedChannel, appendSql } from '../../../src/adapters/eventstore/postgres/eventStoreSql';
import { migrateEventStore } from '../../../src/adapters/eventstore/postgres/migrateEventStore';
import { readerHeldBackSince } from '../../../src/adapters/eventstore/postgres/readerHeldBackSince';
import { createTestPool, dropSchema, uniqueSchemaName } from '../../support/postgres';
import { freshStream, newEvents, readAllPaged, waitFor } from './contractHelpers';
import { eventStoreContract } from './eventStoreContract';

let pool: pg.Pool;
const schemas: string[] = [];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(() => {
  pool = createTestPool(20);
});

afterAll(async () => {
  for (const schema of schemas) await dropSchema(pool, schema);
  await pool.end();
});

async function freshStore(pollIntervalMs?: number) {
  const schema = uniqueSchemaName('es');
  schemas.push(schema);
  await migrateEventStore(pool, schema);
  return { schema, store: createPostgresEventStore({ pool, schema, pollIntervalMs }) };
}

/** Appends through the store's own SQL function on a caller's connection, so a test can keep the
 * transaction open. */
async function appendRaw(client: pg.PoolClient, schema: string, streamName: string, type: string) {
  await client.query(appendSql(schema), [streamName, 'no_stream', [uuidv7()], [type], ['{}'], ['{}']]);
}

eventStoreContract('postgres', async () => (await freshStore()).store);

describe('Postgres event store', () => {
  it('migrates idempotently, also when run concurrently', async () => {
    const { schema } = await freshStore();
    await Promise.all([migrateEventStore(pool, schema), migrateEventStore(pool, schema)]);
    const { rows } = await pool.query<{ indexdef: string }>('SELECT indexdef FROM pg_indexes WHERE schemaname = $1', [schema]);
    expect(rows.map((r) => r.indexdef).join('\n')).toMatch(/\(transaction_id, global_position\)/);
  });

  it('turns racing no_stream creates into WrongExpectedVersionError, never a unique violation', async () => {
    const { store } = await freshStore();
    const stream = freshStream();
    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => store.appendToStream(stream, newEvents(3), { expectedVersion: 'no_stream' })));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const o of outcomes) if (o.status === 'rejected') expect((o.reason as Error).name).toBe('WrongExpectedVersionError');
    expect(await store.readStream(stream)).toHaveLength(3);
    await store.close();
  });

  it('gap race: readAll and subscribers hold a committed later position back until an earlier open transaction commits', async () => {
    const { schema, store } = await freshStore(100);
    const marker = await store.appendToStream(freshStream('marker'), newEvents(1), { expectedVersion: 'no_stream' });
    const [streamA, streamB] = [freshStream('a'), freshStream('b')];
    const ours = new Set([streamA, streamB]);
    const received: RecordedEvent[] = [];
    const subscription = store.subscribeToAll({
      after: marker.position,
      onEvent: async (event) => {
        if (ours.has(event.streamName)) received.push(event);
      },
    });
    const transactionA = await pool.connect();
    try {
      await transactionA.query('BEGIN');
      await appendRaw(transactionA, schema, streamA, 'A'); // takes the lower global_position
      await store.appendToStream(streamB, [{ type: 'B', data: {}, metadata: {} }], { expectedVersion: 'no_stream' });

      const visibleWhileOpen = await store.readAll({ after: marker.position });
      expect(visibleWhileOpen.filter((e) => ours.has(e.streamName))).toEqual([]);
      await sleep(400); // several poll intervals and a NOTIFY for B
      expect(received).toEqual([]);

      await transactionA.query('COMMIT');
      await waitFor(() => received.length >= 2, 20_000);
      await sleep(300);
    } finally {
      await transactionA.query('ROLLBACK').catch(() => undefined);
      transactionA.release();
      await subscription.stop();
    }
    expect(received.map((e) => e.type)).toEqual(['A', 'B']);
    expect(received[0]!.position.globalPosition).toBeLessThan(received[1]!.position.globalPosition);
    const all = await readAllPaged(store, marker.position, ours, 2);
    expect(all.map((e) => e.eventId)).toEqual(received.map((e) => e.eventId));
    await store.close();
  });

  it('a long open transaction holds readers back, and readerHeldBackSince reports it', async () => {
    const { store } = await freshStore();
    const marker = await store.appendToStream(freshStream('marker'), newEvents(1), { expectedVersion: 'no_stream' });
    const holder = await pool.connect();
    const stream = freshStream();
    try {
      await holder.query('BEGIN');
      // Taking an xid is all it needs: no table of ours is touched (it could be any database of the cluster).
      await holder.query('SELECT pg_current_xact_id()');
      await sleep(1100);
      await store.appendToStream(stream, newEvents(1), { expectedVersion: 'no_stream' });
      expect((await store.readAll({ after: marker.position })).filter((e) => e.streamName === stream)).toEqual([]);

      const heldBack = await readerHeldBackSince(pool);
      expect(heldBack).not.toBeNull();
      // Another suite's transaction may be even older; ours is at least this old.
      expect(heldBack!.ageSeconds).toBeGreaterThanOrEqual(1);
      expect(heldBack!.since.getTime()).toBeLessThanOrEqual(Date.now() - 1000);
    } finally {
      await holder.query('COMMIT');
      holder.release();
    }
    expect(await readAllPaged(store, marker.position, new Set([stream]), 1)).toHaveLength(1);
    await store.close();
  });

  it('wakes subscribers by NOTIFY well before the poll interval, and polls when no NOTIFY comes', async () => {
    const { schema, store } = await freshStore(60_000);
    const marker = await store.appendToStream(freshStream('marker'), newEvents(1), { expectedVersion: 'no_stream' });
    const stream = freshStream();
    const received: RecordedEvent[] = [];
    const subscription = store.subscribeToAll({ after: marker.position, onEvent: async (e) => {
      if (e.streamName === stream) received.push(e);
    } });
    await sleep(300); // caught up and waiting
    await store.appendToStream(stream, newEvents(1), { expectedVersion: 'no_stream' });
    await waitFor(() => received.length === 1, 5_000);
    await subscription.stop();

    const polling = createPostgresEventStore({ pool, schema, pollIntervalMs: 100 });
    const silentStream = freshStream();
    const polled: RecordedEvent[] = [];
    const pollingSubscription = polling.subscribeToAll({ after: marker.position, onEvent: async (e) => {
      if (e.streamName === silentStream) polled.push(e);
    } });
    const client = await pool.connect();
    await appendRaw(client, schema, silentStream, 'Silent'); // autocommit, no NOTIFY
    client.release();
    await waitFor(() => polled.length === 1, 10_000);
    await pollingSubscription.stop();
    await polling.close();
    await store.close();
  });

  it('stop() releases the LISTEN connection', async () => {
    const { schema, store } = await freshStore();
    const listeners = async () =>
      (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE query = $1', [`LISTEN "${appendedChannel(schema)}"`])).rows[0]!.n;
    const subscription = store.subscribeToAll({ onEvent: async () => undefined });
    const deadline = Date.now() + 5000;
    while ((await listeners()) !== 1 && Date.now() < deadline) await sleep(20);
    expect(await listeners()).toBe(1);
    await subscription.stop();
    await sleep(100);
    expect(await listeners()).toBe(0);
    await store.close();
  });
});
