import amqplib from 'amqplib';
import { v7 as uuidv7 } from 'uuid';
import { sendCommand } from '../../src/api/amqp/sendCommand';
import { startPublisherWorld, type PublisherWorld } from './support/publisherWorld';

// Issue 13, the broker's part: write access to `amq.default` lets a broker user route a message into
// any queue by name (a saga queue, the notifier's). Publishers now send commands to the command
// exchange and need write there only: with those permissions commands work, and the default exchange
// is refused by the broker itself.
let world: PublisherWorld;

beforeAll(async () => {
  world = await startPublisherWorld('defaultexchange');
}, 60_000);
afterAll(() => world?.teardown());

test('a publisher with write on the command exchange only sends commands and gets answers', async () => {
  const connection = await amqplib.connect(world.narrowBot.url);
  try {
    const channel = await connection.createChannel();
    const reply = await sendCommand(channel, {
      type: 'ProvisionInstance',
      data: { tenantId: world.tenantA, name: 'ERP', subdomain: `narrow-${Date.now()}`, plan: 'starter', adminEmail: 'owner@example.test' },
    }, { timeoutMs: 10_000, userId: world.narrowBot.user });
    expect(reply).toMatchObject({ ok: true, result: { streamName: expect.stringMatching(/^instance-/) } });
  } finally {
    await connection.close();
  }
});

test.each(['platform.consumer.notifier', 'platform.commands'])('routing into %s through the default exchange is refused by the broker', async (queue) => {
  const connection = await amqplib.connect(world.narrowBot.url);
  connection.on('error', () => undefined);
  try {
    const channel = await connection.createChannel();
    const closed = new Promise<number | undefined>((resolve) => channel.on('error', (error: { code?: number }) => resolve(error.code)));
    channel.sendToQueue(queue, Buffer.from('{}'), { messageId: uuidv7(), userId: world.narrowBot.user });
    expect(await closed).toBe(403);
  } finally {
    await connection.close().catch(() => undefined);
  }
});
