import amqplib from 'amqplib';
import { createPostgresCommandLog, migrateCommandLog } from '../../../src/adapters/commandLog/createPostgresCommandLog';
import type { RecordedEvent } from '../../../src/ports/eventStore';
import { createPostgresEventStore } from '../../../src/adapters/eventstore/postgres/createPostgresEventStore';
import { migrateEventStore } from '../../../src/adapters/eventstore/postgres/migrateEventStore';
import { startBus } from '../../../src/wiring/startBus';
import { sendCommand } from '../../../src/api/amqp/sendCommand';
import { commandHandlers } from '../../../src/commands/commandHandlers';
import { createCommandPipeline } from '../../../src/commands/handleCommand';
import { loadConfig } from '../../../src/config';
import { dropSchema, uniqueSchemaName } from '../../support/postgres';
import { createTestBrokerUser, testAmqpUrl } from '../../support/rabbitmq';
import { createBusTestContext, waitFor, type BusTestContext } from '../../adapters/bus/busTestContext';

let ctx: BusTestContext;
beforeAll(async () => {
  ctx = await createBusTestContext('startbus');
});
afterAll(() => ctx.teardown());

test('startBus: a command over AMQP becomes an event, relayed to a consumer group', async () => {
  const storeSchema = uniqueSchemaName('startbus_es');
  await migrateEventStore(ctx.pool, storeSchema);
  await migrateCommandLog(ctx.pool, storeSchema);
  const store = createPostgresEventStore({ pool: ctx.pool, schema: storeSchema, pollIntervalMs: 100 });
  const handleCommand = createCommandPipeline({ store, commandLog: createPostgresCommandLog(ctx.pool, storeSchema), handlers: commandHandlers, conflictRetries: 2 });
  const crm = await createTestBrokerUser(ctx.vhost, 'partner_crm');
  const config = {
    ...loadConfig({}),
    AMQP_URL: testAmqpUrl,
    AMQP_VHOST: ctx.vhost,
    AMQP_RECONNECT_SECONDS: 0.2,
    AMQP_RETRY_DELAYS_MS: [50],
    BUS_SCHEMA: uniqueSchemaName('startbus_bus'),
    AMQP_PUBLISHERS: { [crm.user]: { kind: 'system' as const, component: 'partner-crm' } },
  };
  const seen: RecordedEvent[] = [];
  const bus = await startBus({
    config,
    pool: ctx.pool,
    store,
    logger: ctx.logger,
    relay: true,
    handleCommand,
    consumers: [{ group: 'welcome', handlers: { TenantCreated: async (event) => void seen.push(event) } }],
  });
  try {
    // The ingress declares the command queue once connected; a send before that would be dropped.
    await bus.ready();
    const crmConnection = await amqplib.connect(crm.url);
    const channel = await crmConnection.createChannel();
    const reply = await sendCommand(channel, { type: 'CreateTenant', data: { name: 'Wired Ltd' }, metadata: { correlationId: 'corr-wired' } }, { timeoutMs: 5000, userId: crm.user });
    await crmConnection.close();
    if (!reply.ok) throw new Error(JSON.stringify(reply.problem));
    await waitFor(() => seen.length === 1, { what: 'the relayed TenantCreated' });
    expect(seen[0]).toMatchObject({ type: 'TenantCreated', streamName: reply.result.streamName, data: { name: 'Wired Ltd', createdBy: 'system:partner-crm' }, metadata: { correlationId: 'corr-wired', actor: 'system:partner-crm' } });
  } finally {
    await bus.stop();
    await store.close();
    await dropSchema(ctx.pool, storeSchema);
    await dropSchema(ctx.pool, config.BUS_SCHEMA);
  }
});
