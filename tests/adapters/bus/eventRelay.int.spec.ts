import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import type { EventStore, NewEvent } from '../../../src/ports/eventStore';
import { createPostgresEventStore } from '../../../src/adapters/eventstore/postgres/createPostgresEventStore';
import { migrateEventStore } from '../../../src/adapters/eventstore/postgres/migrateEventStore';
import { createEventConsumer } from '../../../src/adapters/bus/createEventConsumer';
import { startEventRelay, type EventRelay } from '../../../src/adapters/bus/createEventRelay';
import { readRelayStatus } from '../../../src/adapters/bus/readRelayStatus';
import { relayCheckpoints } from '../../../src/adapters/bus/relayCheckpoints';
import { relayStatus } from '../../../src/api/cli/relayStatus';
import { consumerMessagesTotal } from '../../../src/observability/busMetrics';
import { dropSchema, testDatabaseUrl, uniqueSchemaName } from '../../support/postgres';
import { closeVhostConnections, testAmqpUrl } from '../../support/rabbitmq';
import { createBusTestContext, waitFor, type BusTestContext } from './busTestContext';

let ctx: BusTestContext;
const storeSchemas: string[] = [];
const relays: EventRelay[] = [];

beforeAll(async () => {
  ctx = await createBusTestContext('relay');
});
afterAll(async () => {
  await Promise.all(relays.map((relay) => relay.stop()));
  for (const schema of storeSchemas) await dropSchema(ctx.pool, schema);
  await ctx.teardown();
});

async function newStore(): Promise<{ store: EventStore; schema: string }> {
  const schema = uniqueSchemaName('relay_es');
  storeSchemas.push(schema);
  await migrateEventStore(ctx.pool, schema);
  return { store: createPostgresEventStore({ pool: ctx.pool, schema, pollIntervalMs: 100 }), schema };
}

function relay(store: EventStore, name: string, window = 100): EventRelay {
  const started = startEventRelay({ store, pool: ctx.pool, schema: ctx.schema, connection: ctx.connect(`relay-${name}`), names: ctx.names, relay: name, window, confirmTimeoutMs: 3000, lockRetryMs: 100, logger: ctx.logger });
  relays.push(started);
  return started;
}

/** Appends `total` Tick events over `streams` streams, `perAppend` events per append, 8 appends at a time. */
async function appendTicks(store: EventStore, prefix: string, total: number, { streams = 20, perAppend = 10 } = {}): Promise<void> {
  const jobs: Array<() => Promise<unknown>> = [];
  const perStream = total / streams;
  for (let s = 0; s < streams; s += 1) {
    const stream = `${prefix}-${s}`;
    jobs.push(async () => {
      for (let from = 0; from < perStream; from += perAppend) {
        const events: NewEvent[] = Array.from({ length: Math.min(perAppend, perStream - from) }, (_, i) => ({ type: 'Ticked', data: { stream: s, n: from + i }, metadata: { actor: 'system:test' } }));
        await store.appendToStream(stream, events, { expectedVersion: 'any' });
      }
    });
  }
  let next = 0;
  await Promise.all(Array.from({ length: 8 }, async () => {
    while (next < jobs.length) await jobs[next++]!();
  }));
}

async function effectsConsumer(group: string, routingKey: string) {
  const table = `"${ctx.schema}"."effects_${group}"`;
  await ctx.pool.query(`CREATE TABLE ${table} (event_id text NOT NULL, stream text NOT NULL, stream_position int NOT NULL)`);
  const consumer = createEventConsumer(
    { connection: ctx.connect(`consumer-${group}`), pool: ctx.pool, schema: ctx.schema, names: ctx.names, prefetch: 100, deliveryLimit: 10, retryDelaysMs: [50], logger: ctx.logger },
    {
      group,
      routingKeys: [routingKey],
      concurrency: 8,
      handlers: {
        Ticked: async (event, { tx }) => {
          await tx.query(`INSERT INTO ${table} (event_id, stream, stream_position) VALUES ($1, $2, $3)`, [event.eventId, event.streamName, event.streamPosition]);
        },
      },
    },
  );
  await consumer.ready();
  const stats = async () => {
    const { rows } = await ctx.pool.query<{ total: number; distinct: number }>(`SELECT count(*)::int AS total, count(DISTINCT event_id)::int AS distinct FROM ${table}`);
    return rows[0]!;
  };
  return { consumer, stats };
}

async function duplicatesSeen(group: string): Promise<number> {
  const metric = await consumerMessagesTotal.get();
  return metric.values.find((v) => v.labels.group === group && v.labels.outcome === 'duplicate')?.value ?? 0;
}

test('relays events with routing key <category>.<Type>, event id as messageId and metadata headers', async () => {
  const { store } = await newStore();
  const channel = await (await ctx.rawConnection()).createChannel();
  await channel.assertExchange(ctx.names.eventsExchange, 'topic', { durable: true });
  const { queue } = await channel.assertQueue('', { exclusive: true });
  await channel.bindQueue(queue, ctx.names.eventsExchange, 'order.*');
  const appended = await store.appendToStream('order-8d1c2c0a-1111-4222-8333-944445555666', [
    { type: 'OrderPlaced', data: { total: 5 }, metadata: { correlationId: 'corr-1', actor: 'user-1', tenantId: 'tenant-1' } },
  ], { expectedVersion: 'no_stream' });
  const started = relay(store, 'shape');
  const message = await new Promise<import('amqplib').ConsumeMessage>((resolve) => {
    void channel.consume(queue, (m) => m && resolve(m), { noAck: true });
  });
  await started.stop();
  expect(message.fields.routingKey).toBe('order.OrderPlaced');
  expect(message.properties).toMatchObject({ type: 'OrderPlaced', contentType: 'application/json', correlationId: 'corr-1', deliveryMode: 2 });
  expect(message.properties.headers).toMatchObject({ actor: 'user-1', tenantId: 'tenant-1', streamPosition: 0, position: `${appended.position.transactionId}.${appended.position.globalPosition}` });
  const body = JSON.parse(message.content.toString()) as { eventId: string; data: unknown };
  expect(message.properties.messageId).toBe(body.eventId);
  expect(body.data).toEqual({ total: 5 });
});

test('5,000 events while connections are force-closed three times: every event arrives, effects exactly once', async () => {
  const { store } = await newStore();
  const { consumer, stats } = await effectsConsumer('faults', 'tick.*');
  relay(store, 'faults');
  // Appends paced over the whole time the three forced disconnects take, so they overlap for sure.
  let closing = true;
  const disconnects = closeVhostConnections(ctx.vhost, { times: 3, intervalMs: 700 }).finally(() => (closing = false));
  for (let chunk = 0; chunk < 100; chunk += 1) {
    await appendTicks(store, `tick-${chunk}`, 50, { streams: 5, perAppend: 10 });
    if (closing) await new Promise((resolve) => setTimeout(resolve, 40));
  }
  await disconnects;
  await waitFor(async () => (await stats()).distinct === 5000, { timeoutMs: 60_000, what: '5,000 distinct effects' });
  await new Promise((resolve) => setTimeout(resolve, 300));
  await consumer.stop();
  expect(await stats()).toEqual({ total: 5000, distinct: 5000 });
});

test('a relay killed between publish and checkpoint: after restart every event arrives, effects exactly once', async () => {
  const { store, schema } = await newStore();
  const { consumer, stats } = await effectsConsumer('crash', 'crash.*');
  await appendTicks(store, 'crash', 1000, { streams: 10, perAppend: 50 });

  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'relayProcess.ts')], {
    env: { ...process.env, RELAY_DATABASE_URL: testDatabaseUrl, RELAY_EVENTSTORE_SCHEMA: schema, RELAY_BUS_SCHEMA: ctx.schema, RELAY_AMQP_URL: testAmqpUrl, RELAY_VHOST: ctx.vhost, RELAY_KILL_AFTER: '400' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, sig) => resolve(sig)));
  expect({ signal, output }).toMatchObject({ signal: 'SIGKILL', output: expect.stringContaining('killing with') });

  const client = new Client({ connectionString: testDatabaseUrl });
  await client.connect();
  const checkpoint = (await relayCheckpoints(ctx.schema).read(client, 'default')) ?? { transactionId: 0, globalPosition: 0 };
  const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${schema}".events WHERE (transaction_id, global_position) <= ($1::text::xid8, $2)`, [String(checkpoint.transactionId), checkpoint.globalPosition]);
  await client.end();
  // 400 confirmed but fewer checkpointed: those events will be published again.
  expect(rows[0]!.n).toBeLessThan(400);
  await waitFor(async () => (await stats()).distinct >= 400, { what: 'the events the dead relay had published' });

  relay(store, 'default');
  await waitFor(async () => (await stats()).distinct === 1000, { what: 'all 1,000 events' });
  await new Promise((resolve) => setTimeout(resolve, 300));
  await consumer.stop();
  expect(await stats()).toEqual({ total: 1000, distinct: 1000 });
  expect(await duplicatesSeen('crash')).toBeGreaterThan(0);
});

test('one relay at a time: a standby takes over when the active one stops', async () => {
  const { store } = await newStore();
  const first = relay(store, 'pair');
  await waitFor(() => first.isActive(), { what: 'the first relay to take the lock' });
  const second = relay(store, 'pair');
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(second.isActive()).toBe(false);
  await first.stop();
  await waitFor(() => second.isActive(), { what: 'the standby to take over' });
});

test('relay status: checkpoint, lock holder and lag in events and seconds', async () => {
  const { store } = await newStore();
  await appendTicks(store, 'status', 30, { streams: 3, perAppend: 10 });
  const lines: string[] = [];
  const read = (relay: string | undefined) => readRelayStatus(ctx.pool, store, { busSchema: ctx.schema, ...(relay ? { relay } : {}) });
  const deps = { readRelayStatus: read };
  await relayStatus(deps, { relay: 'status' }, (line) => lines.push(line));
  expect(lines.join('\n')).toMatch(/no relay holds the lock[\s\S]*none yet[\s\S]*30 events/);

  const started = relay(store, 'status');
  await waitFor(async () => (await read('status')).lagEvents === 0, { what: 'the relay to catch up' });
  const json: string[] = [];
  await relayStatus(deps, { relay: 'status', json: true }, (line) => json.push(line));
  expect(JSON.parse(json[0]!)).toMatchObject({ relay: 'status', active: true, lagEvents: 0, lagSeconds: 0, checkpoint: expect.stringMatching(/^\d+\.\d+$/) });
  await started.stop();
  expect((await read('status')).active).toBe(false);
});
