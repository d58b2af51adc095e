import type { ConfirmChannel } from 'amqplib';
import { v7 as uuidv7 } from 'uuid';
import type { RecordedEvent } from '../../../src/ports/eventStore';
import { createEventConsumer } from '../../../src/adapters/bus/createEventConsumer';
import type { BusEventHandler } from '../../../src/ports/eventConsumer';
import { declareEventsExchange } from '../../../src/adapters/bus/declareEventTopology';
import { toEventMessage } from '../../../src/adapters/bus/eventMessage';
import { listDeadLetters } from '../../../src/adapters/bus/listDeadLetters';
import { redriveDeadLetters } from '../../../src/adapters/bus/redriveDeadLetters';
import { declareReliableQueue } from '../../../src/adapters/bus/declareReliableQueue';
import { dlqList, dlqRedrive } from '../../../src/api/cli/dlqCommands';
import { deadLetterQueuesFromConfig } from '../../../src/wiring/deadLetterQueuesFromConfig';
import { consumerMessagesTotal } from '../../../src/observability/busMetrics';
import { testAmqpUrl } from '../../support/rabbitmq';
import { createBusTestContext, waitFor, type BusTestContext } from './busTestContext';

let ctx: BusTestContext;
let channel: ConfirmChannel;

beforeAll(async () => {
  ctx = await createBusTestContext('consumer');
  channel = await (await ctx.rawConnection()).createConfirmChannel();
  await declareEventsExchange(channel, ctx.names);
});
afterAll(() => ctx.teardown());

function testEvent(type: string, n: number): RecordedEvent {
  return {
    eventId: uuidv7(),
    type,
    data: { n },
    metadata: { correlationId: `c-${n}`, actor: 'system:test' },
    streamName: `widget-${uuidv7()}`,
    streamPosition: 0,
    position: { transactionId: 1, globalPosition: n },
    createdAt: new Date(),
  };
}

async function publish(event: RecordedEvent): Promise<void> {
  const { routingKey, content, options } = toEventMessage(event);
  channel.publish(ctx.names.eventsExchange, routingKey, content, options);
  await channel.waitForConfirms();
}

async function effectsTable(group: string): Promise<string> {
  const table = `"${ctx.schema}"."effects_${group}"`;
  await ctx.pool.query(`CREATE TABLE ${table} (message_id text NOT NULL, n int NOT NULL)`);
  return table;
}

function recordEffect(table: string): BusEventHandler {
  return async (event, { tx }) => {
    await tx.query(`INSERT INTO ${table} (message_id, n) VALUES ($1, $2)`, [event.eventId, (event.data as { n: number }).n]);
  };
}

const count = async (table: string, where = 'true'): Promise<number> =>
  Number((await ctx.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE ${where}`)).rows[0]!.n);

const consumerDeps = () => ({
  connection: ctx.connect('consumer'),
  pool: ctx.pool,
  schema: ctx.schema,
  names: ctx.names,
  prefetch: 20,
  deliveryLimit: 2,
  retryDelaysMs: [20, 50],
  logger: ctx.logger,
});

test('applies each event once: a duplicated message id has no second effect', async () => {
  const effects = await effectsTable('once');
  const consumer = createEventConsumer(consumerDeps(), { group: 'once', handlers: { WidgetMade: recordEffect(effects) } });
  await consumer.ready();
  const events = Array.from({ length: 20 }, (_, i) => testEvent('WidgetMade', i));
  for (const event of events) await publish(event);
  await publish(events[3]!);
  await publish(events[7]!);
  await publish(testEvent('WidgetIgnored', 99));
  await waitFor(async () => (await count(effects)) >= 20, { what: '20 effects' });
  await new Promise((resolve) => setTimeout(resolve, 200));
  await consumer.stop();
  expect(await count(effects)).toBe(20);
  expect(await count(`"${ctx.schema}".inbox`, `consumer = 'once'`)).toBe(20);
});

test('a handler that keeps throwing: retried, dead-lettered with the error, the rest flow, redrive brings it back', async () => {
  const effects = await effectsTable('poison');
  let attempts = 0;
  let fixed = false;
  const handler = recordEffect(effects);
  const consumer = createEventConsumer(consumerDeps(), {
    group: 'poison',
    handlers: {
      WidgetMade: async (event, context) => {
        if ((event.data as { n: number }).n === 5 && !fixed) {
          attempts += 1;
          throw new Error('widget 5 is cursed');
        }
        await handler(event, context);
      },
    },
  });
  await consumer.ready();
  const events = Array.from({ length: 10 }, (_, i) => testEvent('WidgetMade', i));
  for (const event of events) await publish(event);
  await waitFor(async () => (await count(effects)) === 9, { what: 'the nine healthy events' });

  const inspect = await (await ctx.rawConnection()).createChannel();
  let letters: Awaited<ReturnType<typeof listDeadLetters>> = [];
  await waitFor(async () => (letters = await listDeadLetters(inspect, ctx.names, 'poison')).length === 1, { what: 'the dead letter' });
  expect(attempts).toBe(3); // delivery limit 2 → first try + 2 retries
  expect(letters[0]).toMatchObject({ messageId: events[5]!.eventId, type: 'WidgetMade', error: 'widget 5 is cursed', errorName: 'Error', attempts: 3, reason: 'handler_failed' });
  // Listing is a peek: the message is still there.
  expect(await listDeadLetters(inspect, ctx.names, 'poison')).toHaveLength(1);

  fixed = true;
  const redriveChannel = await (await ctx.rawConnection()).createConfirmChannel();
  expect(await redriveDeadLetters(redriveChannel, ctx.names, 'poison', { messageId: 'not-there' })).toBe(0);
  expect(await redriveDeadLetters(redriveChannel, ctx.names, 'poison', { messageId: events[5]!.eventId })).toBe(1);
  await waitFor(async () => (await count(effects)) === 10, { what: 'the redriven event' });
  await consumer.stop();
  expect(await count(effects, `n = 5`)).toBe(1);
  expect(await listDeadLetters(inspect, ctx.names, 'poison')).toHaveLength(0);
});

test('quorum queue: a message requeued past x-delivery-limit is dead-lettered by the broker (delivery_limit)', async () => {
  const probe = await (await ctx.rawConnection()).createConfirmChannel();
  await declareReliableQueue(probe, ctx.names, { group: 'crashy', queue: ctx.names.consumerQueue('crashy'), deliveryLimit: 3, retryDelaysMs: [10] });
  probe.sendToQueue(ctx.names.consumerQueue('crashy'), Buffer.from('{}'), { messageId: 'crash-1', persistent: true });
  await probe.waitForConfirms();
  let deliveries = 0;
  await probe.consume(ctx.names.consumerQueue('crashy'), (message) => {
    if (!message) return;
    deliveries += 1;
    probe.nack(message, false, true); // what a consumer dying mid-message amounts to
  });
  const inspect = await (await ctx.rawConnection()).createChannel();
  let letters: Awaited<ReturnType<typeof listDeadLetters>> = [];
  await waitFor(async () => (letters = await listDeadLetters(inspect, ctx.names, 'crashy')).length === 1, { what: 'the broker dead letter' });
  expect(deliveries).toBe(4);
  expect(letters[0]).toMatchObject({ messageId: 'crash-1', reason: 'delivery_limit' });
});

test('dlq list and dlq redrive, as the operator CLI runs them', async () => {
  const effects = await effectsTable('cli');
  let broken = true;
  const handler = recordEffect(effects);
  const consumer = createEventConsumer({ ...consumerDeps(), deliveryLimit: 0 }, {
    group: 'cli',
    handlers: {
      WidgetMade: async (event, context) => {
        if (broken) throw new Error('downstream is down');
        await handler(event, context);
      },
    },
  });
  await consumer.ready();
  const events = [testEvent('WidgetMade', 1), testEvent('WidgetMade', 2)];
  for (const event of events) await publish(event);
  const config = { AMQP_URL: testAmqpUrl, AMQP_VHOST: ctx.vhost, BUS_NAME_PREFIX: 'platform', BUS_EVENTS_EXCHANGE: 'platform.events', BUS_COMMAND_QUEUE: 'platform.commands', RELAY_CONFIRM_TIMEOUT_MS: 5000 };
  const dlq = { queues: await deadLetterQueuesFromConfig(config) };
  const lines: string[] = [];
  await waitFor(async () => (await dlqList(dlq, 'cli', {}, () => undefined)) === 2, { what: 'two dead letters' });
  await dlqList(dlq, 'cli', {}, (line) => lines.push(line));
  expect(lines.join('\n')).toContain(`${events[0]!.eventId} WidgetMade handler_failed after 1 attempts`);
  expect(lines.join('\n')).toContain('Error: downstream is down');
  expect(lines.at(-1)).toBe('2 dead letter(s) in cli');

  broken = false;
  expect(await dlqRedrive(dlq, 'cli', { id: events[1]!.eventId }, () => undefined)).toBe(1);
  await waitFor(async () => (await count(effects)) === 1, { what: 'the redriven event' });
  expect(await dlqRedrive(dlq, 'cli', {}, () => undefined)).toBe(1);
  await waitFor(async () => (await count(effects)) === 2, { what: 'the rest' });
  await consumer.stop();
  expect(await dlqList(dlq, 'cli', {}, () => undefined)).toBe(0);
  await expect(dlqList(dlq, 'no-such-group', {}, () => undefined)).rejects.toThrow(/No such queue/);
  await dlq.queues.close();
});

test('graceful stop: stops consuming, finishes and acks what it holds; the rest waits for the next consumer', async () => {
  const effects = await effectsTable('graceful');
  const handler = recordEffect(effects);
  const slow: BusEventHandler = async (event, context) => {
    await new Promise((resolve) => setTimeout(resolve, 100));
    await handler(event, context);
  };
  const first = createEventConsumer({ ...consumerDeps(), prefetch: 3 }, { group: 'graceful', handlers: { WidgetMade: slow } });
  await first.ready();
  for (let i = 0; i < 10; i += 1) await publish(testEvent('WidgetMade', i));
  await waitFor(async () => (await count(effects)) >= 1, { what: 'the first effect' });
  await first.stop();
  const handledByFirst = await count(effects);
  expect(handledByFirst).toBeLessThan(10);

  const second = createEventConsumer(consumerDeps(), { group: 'graceful', handlers: { WidgetMade: handler } });
  await second.ready();
  await waitFor(async () => (await count(effects)) === 10, { what: 'the remaining events' });
  await new Promise((resolve) => setTimeout(resolve, 200));
  await second.stop();
  // Nothing the first consumer finished came back: it was acked before the channel closed.
  expect(await duplicates('graceful')).toBe(0);
  expect(await count(effects)).toBe(10);
});

async function duplicates(group: string): Promise<number> {
  const metric = await consumerMessagesTotal.get();
  return metric.values.find((v) => v.labels.group === group && v.labels.outcome === 'duplicate')?.value ?? 0;
}
