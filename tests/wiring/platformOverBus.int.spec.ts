import amqplib from 'amqplib';
import { sendCommand } from '../../src/api/amqp/sendCommand';
import { createTestBrokerUser, createTestVhost, deleteTestVhost, type TestBrokerUser } from '../support/rabbitmq';
import { startTestPlatform, type TestPlatform } from '../support/testPlatform';

// The wired platform (role all) with its bus on: a command sent over AMQP is answered, and the
// event it produced comes back out of platform.events through the relay.
let vhost: string;
let platform: TestPlatform;
let connection: amqplib.ChannelModel;
/** A command publisher with a broker user of its own, mapped to an operator-level identity. */
let publisher: TestBrokerUser;

beforeAll(async () => {
  vhost = await createTestVhost('platform');
  publisher = await createTestBrokerUser(vhost, 'ops');
  platform = await startTestPlatform('all', { BUS_ENABLED: 'true', AMQP_VHOST: vhost, AMQP_PUBLISHERS: JSON.stringify({ [publisher.user]: { system: 'ops' } }) });
  await platform.busReady();
  connection = await amqplib.connect(publisher.url);
}, 60_000);
afterAll(async () => {
  await connection?.close();
  await platform?.stop();
  await deleteTestVhost(vhost);
});

it('answers an AMQP command and relays its event to platform.events', async () => {
  const channel = await connection.createChannel();
  await channel.assertExchange('platform.events', 'topic', { durable: true });
  const { queue } = await channel.assertQueue('', { exclusive: true });
  await channel.bindQueue(queue, 'platform.events', 'tenant.TenantCreated');
  const relayed = new Promise<amqplib.ConsumeMessage>((resolve) => {
    void channel.consume(queue, (message) => message && resolve(message), { noAck: true });
  });

  const reply = await sendCommand(channel, { type: 'CreateTenant', data: { name: 'Over The Bus' } }, { timeoutMs: 20_000, userId: publisher.user });
  expect(reply).toMatchObject({ ok: true });
  const result = (reply as { ok: true; result: { streamName: string } }).result;

  const message = await relayed;
  expect(message.properties.contentType).toBe('application/json');
  expect(JSON.parse(message.content.toString())).toMatchObject({ type: 'TenantCreated', streamName: result.streamName, data: { name: 'Over The Bus' } });
  expect(await platform.countEvents()).toBeGreaterThanOrEqual(1);

  const invalid = await sendCommand(channel, { type: 'CreateTenant', data: { name: 1 } }, { timeoutMs: 20_000, userId: publisher.user });
  expect(invalid).toMatchObject({ ok: false, problem: { status: 400 } });
}, 60_000);
