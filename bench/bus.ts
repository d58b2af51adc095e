// `npm run bench -- bus`: (a) relay throughput, event store → confirmed by RabbitMQ (our relay: its
// advisory lock, `$all` reads of 1,000, one publish per event in a window of RELAY_CONFIRM_WINDOW,
// checkpoints), against raw amqplib (bench/support/rawPublish.ts, nothing from src/adapters) that
// serialises and confirm-publishes the same messages — checked byte for byte against ours first — with
// the same window, on its own connection with the same socket options (noDelay); 4 rounds, the order
// alternating, per-round ratios, medians. (b) AMQP command round trip (publish → reply) through the
// ingress and the full pipeline: a latency with no raw counterpart. Own vhost and schemas, removed after.
import amqplib from 'amqplib';
import { v7 } from 'uuid';
import { brokerUserOf } from '../src/adapters/bus/brokerUserOf';
import { createBusNames } from '../src/ports/busNames';
import { createAmqpConnection } from '../src/adapters/bus/createAmqpConnection';
import { startEventRelay } from '../src/adapters/bus/createEventRelay';
import { declareEventsExchange } from '../src/adapters/bus/declareEventTopology';
import { toEventMessage } from '../src/adapters/bus/eventMessage';
import { rawConfirmPublish, rawEventMessage, readRawEventRows } from './support/rawPublish';
import { migrateBus } from '../src/adapters/bus/migrateBus';
import { createPostgresCommandLog, migrateCommandLog } from '../src/adapters/commandLog/createPostgresCommandLog';
import type { NewEvent, RecordedEvent } from '../src/ports/eventStore';
import { compareLogPositions } from '../src/ports/logPosition';
import { createPostgresEventStore } from '../src/adapters/eventstore/postgres/createPostgresEventStore';
import { migrateEventStore } from '../src/adapters/eventstore/postgres/migrateEventStore';
import { createPool } from '../src/adapters/postgres/createPool';
import { commandIngress } from '../src/api/amqp/commandIngress';
import { consumeCommandQueue } from '../src/adapters/bus/consumeCommandQueue';
import { sendCommand } from '../src/api/amqp/sendCommand';
import { commandHandlers } from '../src/commands/commandHandlers';
import { createCommandPipeline } from '../src/commands/handleCommand';
import { loadConfig } from '../src/config';
import { createTestVhost, deleteTestVhost } from '../tests/support/rabbitmq';
import { percentile } from './support/percentile';

const relayEvents = Number(process.env.BENCH_RELAY_EVENTS ?? 20_000);
const commandCount = Number(process.env.BENCH_COMMANDS ?? 2000);
const rounds = 4;

export async function run(): Promise<void> {
  const config = loadConfig();
  const window = config.RELAY_CONFIRM_WINDOW;
  const suffix = `${process.pid}_${Date.now().toString(36)}`;
  const eventSchema = `bench_bus_es_${suffix}`;
  const busSchema = `bench_bus_${suffix}`;
  const vhost = await createTestVhost('bench_bus');
  const pool = createPool(config.DATABASE_URL, 12);
  const names = createBusNames();
  const rawUrl = new URL(config.AMQP_URL);
  rawUrl.pathname = `/${encodeURIComponent(vhost)}`;
  const raw = await amqplib.connect(rawUrl.toString(), { noDelay: true });
  const connection = createAmqpConnection({ url: config.AMQP_URL, vhost, name: 'bench' });
  try {
    await migrateEventStore(pool, eventSchema);
    await migrateCommandLog(pool, eventSchema);
    await migrateBus(pool, busSchema);
    const store = createPostgresEventStore({ pool, schema: eventSchema });

    // (b) first, on a quiet broker: command round trip, one at a time so each sample is a true round trip.
    const handleCommand = createCommandPipeline({ store, commandLog: createPostgresCommandLog(pool, eventSchema), handlers: commandHandlers, conflictRetries: 5 });
    // The bench publishes as the platform's own broker user, mapped to an operator-level identity.
    const brokerUser = brokerUserOf(config.AMQP_URL);
    const ingress = consumeCommandQueue({
      connection, names, prefetch: config.AMQP_PREFETCH, concurrency: config.COMMAND_INGRESS_CONCURRENCY, deliveryLimit: config.AMQP_DELIVERY_LIMIT, retryDelaysMs: config.AMQP_RETRY_DELAYS_MS, brokerUser,
    }, commandIngress({ handleCommand, publishers: { [brokerUser]: { kind: 'system', component: 'bench' } } }));
    await ingress.ready();
    const client = await raw.createChannel();
    const samples: number[] = [];
    for (let i = 0; i < commandCount + 200; i += 1) {
      const started = process.hrtime.bigint();
      const reply = await sendCommand(client, { type: 'CreateTenant', data: { name: `Bench Tenant ${i}` } }, { timeoutMs: 10_000, userId: brokerUser });
      if (!reply.ok) throw new Error(`Command failed: ${JSON.stringify(reply.problem)}`);
      if (i >= 200) samples.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    await ingress.stop();

    // (a) The relay's work is real: a durable quorum queue bound to everything stores each message.
    const channel = await raw.createConfirmChannel();
    await declareEventsExchange(channel, names);
    await channel.assertQueue('bench.sink', { durable: true, arguments: { 'x-queue-type': 'quorum' } });
    await channel.bindQueue('bench.sink', names.eventsExchange, '#');
    await appendEvents(store, relayEvents);
    // Every event in the schema goes out: these and the command phase's CreateTenant events. The raw
    // side's input is the same rows by plain SQL; its messages must be ours, byte for byte.
    const rows = await readRawEventRows(pool, eventSchema);
    const events = await readAllEvents(store, rows.length);
    const last = events[events.length - 1]!.position;
    if (rows.length !== events.length) throw new Error(`raw read ${rows.length} rows, the store ${events.length}`);
    rows.forEach((row, i) => {
      const mine = rawEventMessage(row);
      const theirs = toEventMessage(events[i]!);
      if (mine.routingKey !== theirs.routingKey || !mine.content.equals(theirs.content) || JSON.stringify(mine.options) !== JSON.stringify(theirs.options)) {
        throw new Error(`raw message ${i} differs from the relay's: ${mine.content.toString()} vs ${theirs.content.toString()}`);
      }
    });
    const relayOnce = async (relayName: string): Promise<number> => {
      const started = process.hrtime.bigint();
      let reachedEnd: () => void = () => undefined;
      const done = new Promise<void>((resolve) => (reachedEnd = resolve));
      const relay = startEventRelay({
        store, pool, schema: busSchema, connection, names, relay: relayName, window, confirmTimeoutMs: config.RELAY_CONFIRM_TIMEOUT_MS,
        hooks: { beforeCheckpoint: (position) => (compareLogPositions(position, last) >= 0 ? reachedEnd() : undefined) },
      });
      await done;
      const rate = events.length / (Number(process.hrtime.bigint() - started) / 1e9);
      await relay.stop();
      return rate;
    };

    // Rounds alternate which side goes first, and the ratio is taken per round (the two runs sit
    // next to each other in time) and then the median, so a noisy neighbour skews neither side.
    const ratios: number[] = [];
    const relayRates: number[] = [];
    const rawRates: number[] = [];
    for (let round = 0; round < rounds; round += 1) {
      const runRaw = async () => {
        await channel.purgeQueue('bench.sink');
        return rawConfirmPublish(channel, names.eventsExchange, rows, window);
      };
      const runRelay = async () => {
        await channel.purgeQueue('bench.sink');
        return relayOnce(`bench-${round}`);
      };
      let rawRate: number;
      let ours: number;
      if (round % 2 === 0) {
        rawRate = await runRaw();
        ours = await runRelay();
      } else {
        ours = await runRelay();
        rawRate = await runRaw();
      }
      ratios.push(ours / rawRate);
      relayRates.push(ours);
      rawRates.push(rawRate);
      console.log(`round ${round + 1} (${round % 2 === 0 ? 'raw first' : 'ours first'}): raw ${rawRate.toFixed(0)}/s, relay ${ours.toFixed(0)}/s, ratio ${(ours / rawRate).toFixed(2)}`);
    }
    await channel.deleteQueue('bench.sink');
    await store.close();

    console.log(`relay: ${events.length} events, window ${window}; commands: ${samples.length} sequential round trips`);
    const p50 = percentile(samples, 50);
    const p99 = percentile(samples, 99);
    console.log(`RESULT bus relay_ratio=${median(ratios).toFixed(2)} relay_per_s=${median(relayRates).toFixed(0)} raw_per_s=${median(rawRates).toFixed(0)} rounds=${rounds} window=${window} events=${events.length} cmd_rtt_p50_ms=${p50.toFixed(2)} cmd_rtt_p99_ms=${p99.toFixed(2)}`);
  } finally {
    await connection.close().catch(() => undefined);
    await raw.close().catch(() => undefined);
    await pool.query(`DROP SCHEMA IF EXISTS "${eventSchema}" CASCADE; DROP SCHEMA IF EXISTS "${busSchema}" CASCADE`);
    await pool.end();
    await deleteTestVhost(vhost);
  }
}

async function appendEvents(store: ReturnType<typeof createPostgresEventStore>, total: number): Promise<void> {
  const perAppend = 50;
  for (let i = 0; i < total; i += perAppend) {
    const events: NewEvent[] = Array.from({ length: Math.min(perAppend, total - i) }, (_, j) => ({
      type: 'BenchTicked',
      data: { n: i + j, note: 'a payload of a realistic size for a small domain event', at: new Date().toISOString() },
      metadata: { commandId: v7(), correlationId: v7(), actor: 'system:bench', occurredAt: new Date().toISOString(), schemaVersion: 1 },
    }));
    await store.appendToStream(`bench-${v7()}`, events, { expectedVersion: 'no_stream' });
  }
}

/** All `total` appended events: `$all` reads are gap-safe (nothing at or past the cluster's oldest open
 * transaction), so on a shared server the tail may show up only once another session's transaction ends. */
async function readAllEvents(store: ReturnType<typeof createPostgresEventStore>, total: number): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  for (const deadline = Date.now() + 120_000; all.length < total;) {
    const batch = await store.readAll({ after: all[all.length - 1]?.position ?? null, maxCount: 5000 });
    all.push(...batch);
    if (batch.length > 0) continue;
    if (Date.now() > deadline) throw new Error(`only ${all.length} of ${total} events visible in $all after 120 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return all;
}

function median(values: number[]): number {
  return percentile(values, 50);
}
