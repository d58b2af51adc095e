import amqplib, { type Channel } from 'amqplib';
import { v7 as uuidv7 } from 'uuid';
import { createPostgresCommandLog, migrateCommandLog } from '../../../src/adapters/commandLog/createPostgresCommandLog';
import type { EventStore } from '../../../src/ports/eventStore';
import { createPostgresEventStore } from '../../../src/adapters/eventstore/postgres/createPostgresEventStore';
import { migrateEventStore } from '../../../src/adapters/eventstore/postgres/migrateEventStore';
import { listDeadLetters } from '../../../src/adapters/bus/listDeadLetters';
import type { ReliableConsumer } from '../../../src/adapters/bus/consumeReliably';
import { clientCommandId } from '../../../src/commands/clientCommandId';
import { commandHandlers } from '../../../src/commands/commandHandlers';
import { createCommandPipeline } from '../../../src/commands/handleCommand';
import { commandIngress } from '../../../src/api/amqp/commandIngress';
import { consumeCommandQueue } from '../../../src/adapters/bus/consumeCommandQueue';
import { sendCommand } from '../../../src/api/amqp/sendCommand';
import { brokerUserOf } from '../../../src/adapters/bus/brokerUserOf';
import { dropSchema, uniqueSchemaName } from '../../support/postgres';
import { createTestBrokerUser, testAmqpUrl, type TestBrokerUser } from '../../support/rabbitmq';
import { createBusTestContext, waitFor, type BusTestContext } from '../../adapters/bus/busTestContext';

let ctx: BusTestContext;
let store: EventStore;
let storeSchema: string;
let ingress: ReliableConsumer;
let client: Channel;
/** The command publisher: a broker user of its own, mapped to `system:amqp`. */
let publisher: TestBrokerUser;
/** Commands whose first attempt fails with an internal error (then the bus retries them). */
const flaky = new Set<string>();
/** Streams that get a foreign event appended between the pipeline's read and its append. */
const contended = new Set<string>();
let publisherConnection: amqplib.ChannelModel;

beforeAll(async () => {
  ctx = await createBusTestContext('ingress');
  storeSchema = uniqueSchemaName('ingress_es');
  await migrateEventStore(ctx.pool, storeSchema);
  await migrateCommandLog(ctx.pool, storeSchema);
  store = createPostgresEventStore({ pool: ctx.pool, schema: storeSchema });
  // Fault injection, not a mock: a real concurrent writer lands right after the pipeline's read.
  const racingStore: EventStore = {
    ...store,
    async readStream(streamName, options) {
      const events = await store.readStream(streamName, options);
      if (contended.has(streamName)) {
        await store.appendToStream(streamName, [{ type: 'TenantRenamed', data: { tenantId: streamName.slice(7), name: `Racer ${Date.now()}` }, metadata: { actor: 'system:test' } }], { expectedVersion: 'any' });
      }
      return events;
    },
  };
  const pipeline = createCommandPipeline({ store: racingStore, commandLog: createPostgresCommandLog(ctx.pool, storeSchema), handlers: commandHandlers, conflictRetries: 1 });
  const handleCommand: typeof pipeline = async (envelope) => {
    if (flaky.delete(envelope.metadata.commandId)) throw new Error('the database went away for a moment');
    return pipeline(envelope);
  };
  publisher = await createTestBrokerUser(ctx.vhost, 'client');
  ingress = consumeCommandQueue({
    connection: ctx.connect('ingress'), names: ctx.names, prefetch: 20, concurrency: 4, deliveryLimit: 2, retryDelaysMs: [20], logger: ctx.logger, brokerUser: brokerUserOf(testAmqpUrl),
  }, commandIngress({ handleCommand, logger: ctx.logger, publishers: { [publisher.user]: { kind: 'system', component: 'amqp' } } }));
  await ingress.ready();
  publisherConnection = await amqplib.connect(publisher.url);
  publisherConnection.on('error', () => undefined);
  client = await publisherConnection.createChannel();
});

afterAll(async () => {
  await publisherConnection?.close().catch(() => undefined);
  await ingress?.stop();
  await store?.close();
  await dropSchema(ctx.pool, storeSchema);
  await ctx.teardown();
});

const send = (type: string, data: unknown, messageId?: string) => sendCommand(client, { type, data }, { timeoutMs: 5000, messageId, userId: publisher.user });

test('a valid command: ok reply with the result', async () => {
  const reply = await send('CreateTenant', { name: 'Acme' });
  expect(reply).toMatchObject({ ok: true, result: { streamName: expect.stringMatching(/^tenant-/), nextExpectedVersion: 0, position: expect.stringMatching(/^\d+\.\d+$/) } });
  if (!reply.ok) throw new Error('unreachable');
  const [created] = await store.readStream(reply.result.streamName);
  expect(created).toMatchObject({ type: 'TenantCreated', data: { name: 'Acme', createdBy: 'system:amqp' }, metadata: { commandId: reply.result.commandId } });
});

test('the same messageId twice: the first result, nothing appended twice', async () => {
  const messageId = uuidv7();
  const first = await send('CreateTenant', { name: 'Twice Ltd' }, messageId);
  const second = await send('CreateTenant', { name: 'Twice Ltd' }, messageId);
  expect(second).toEqual(first);
  if (!first.ok) throw new Error(JSON.stringify(first));
  expect(await store.readStream(first.result.streamName)).toHaveLength(1);
});

test('invalid data: a validation problem reply, and the message in the DLQ', async () => {
  const messageId = uuidv7();
  const reply = await send('CreateTenant', { name: 'x', extra: true }, messageId);
  expect(reply).toMatchObject({ ok: false, problem: { type: 'https://errors.platform.local/validation', status: 400, title: expect.any(String), detail: expect.any(String) } });
  if (reply.ok) throw new Error('unreachable');
  expect(reply.problem.errors?.map((e) => e.path).sort()).toEqual(['', 'name']);
  await expectDeadLettered(messageId);
});

test('an unknown type and a body that is not JSON: problem replies, dead-lettered, never requeued', async () => {
  const unknownId = uuidv7();
  expect(await send('LaunchRocket', {}, unknownId)).toMatchObject({ ok: false, problem: { type: 'https://errors.platform.local/unknown-command', status: 400 } });

  const garbageId = uuidv7();
  const replyChannel = await publisherConnection.createChannel();
  const reply = new Promise<unknown>((resolve) => void replyChannel.consume('amq.rabbitmq.reply-to', (m) => m && resolve(JSON.parse(m.content.toString())), { noAck: true }));
  await new Promise((resolve) => setTimeout(resolve, 50));
  replyChannel.sendToQueue(ctx.names.commandQueue, Buffer.from('{not json'), { messageId: garbageId, userId: publisher.user, replyTo: 'amq.rabbitmq.reply-to', correlationId: 'garbage-1' });
  expect(await reply).toMatchObject({ ok: false, problem: { type: 'https://errors.platform.local/malformed-message', status: 400 } });
  await expectDeadLettered(unknownId);
  await expectDeadLettered(garbageId);
});

test('a version conflict that outlasts the retries: a version-conflict problem reply', async () => {
  const created = await send('CreateTenant', { name: 'Contended' });
  if (!created.ok) throw new Error(JSON.stringify(created));
  contended.add(created.result.streamName);
  const reply = await send('RenameTenant', { tenantId: created.result.streamName.slice('tenant-'.length), name: 'Renamed' });
  contended.delete(created.result.streamName);
  expect(reply).toMatchObject({ ok: false, problem: { type: 'https://errors.platform.local/version-conflict', status: 409 } });
});

test('a domain refusal is an answer, not a dead letter', async () => {
  const messageId = uuidv7();
  const reply = await send('RenameTenant', { tenantId: uuidv7(), name: 'Nobody' }, messageId);
  expect(reply).toMatchObject({ ok: false, problem: { type: 'https://errors.platform.local/not-found', status: 404 } });
  const letters = await listDeadLetters(await (await ctx.rawConnection()).createChannel(), ctx.names, 'commands');
  expect(letters.map((l) => l.messageId)).not.toContain(messageId);
});

test('a restore of a busy instance: a 409 problem reply at once, nothing appended', async () => {
  const tenantId = uuidv7();
  const provisioned = await send('ProvisionInstance', { tenantId, name: 'Busy ERP', subdomain: `busy-${Date.now()}`, plan: 'starter', adminEmail: 'a@example.test' });
  if (!provisioned.ok) throw new Error(JSON.stringify(provisioned));
  const instanceId = provisioned.result.streamName.slice('instance-'.length);
  expect(await send('RecordInstanceProvisioned', { instanceId, url: 'http://busy.test', containerName: 'c', databaseName: 'd' })).toMatchObject({ ok: true });
  const backupId = uuidv7();
  const first = await send('RestoreBackup', { backupId, instanceId, tenantId });
  if (!first.ok) throw new Error(JSON.stringify(first));
  expect(await send('BeginInstanceRestore', { instanceId, restoreId: first.result.streamName.slice('restore-'.length), backupId })).toMatchObject({ ok: true });

  const second = await send('RestoreBackup', { backupId, instanceId, tenantId });
  expect(second).toMatchObject({ ok: false, problem: { status: 409, code: 'operation-in-progress', detail: expect.stringContaining('a restore is still in progress') } });
  const { rows } = await ctx.pool.query(`SELECT count(*)::int AS n FROM "${storeSchema}".events WHERE type = 'RestoreRequested' AND data->>'instanceId' = $1`, [instanceId]);
  expect(rows[0].n).toBe(1);
});

test('a command retried after an internal error still acts as its publisher (the copy carries it)', async () => {
  const messageId = uuidv7();
  const commandId = clientCommandId('system:amqp', messageId);
  flaky.add(commandId);
  const reply = await send('CreateTenant', { name: 'Second Time Lucky' }, messageId);
  expect(flaky.has(commandId)).toBe(false);
  if (!reply.ok) throw new Error(JSON.stringify(reply));
  const [created] = await store.readStream(reply.result.streamName);
  expect(created).toMatchObject({ type: 'TenantCreated', data: { createdBy: 'system:amqp' }, metadata: { actor: 'system:amqp' } });
});

async function expectDeadLettered(messageId: string): Promise<void> {
  const channel = await (await ctx.rawConnection()).createChannel();
  await waitFor(async () => (await listDeadLetters(channel, ctx.names, 'commands')).some((l) => l.messageId === messageId), { what: `dead letter ${messageId}` });
}
