import amqplib from 'amqplib';
import { startPublisherWorld, type PublisherWorld } from './support/publisherWorld';

/**
 * Issue 13 (low): the ingress published its reply to whatever queue `replyTo` named. A publisher
 * could have the platform write into another client's reply queue (a forged answer under a
 * correlationId of its choosing). Only direct reply-to is answered now; anything else is refused.
 */
let world: PublisherWorld;
let victim: amqplib.ChannelModel;

beforeAll(async () => {
  world = await startPublisherWorld('replyto');
  victim = await amqplib.connect(world.operator.url);
  await (await victim.createChannel()).assertQueue('victim.replies', { durable: false });
}, 60_000);
afterAll(async () => {
  await victim?.close();
  await world?.teardown();
});

test("a replyTo naming someone else's queue gets no reply there, and the command does not run", async () => {
  const subdomain = `reply-${Date.now()}`;
  const outcome = await world.publish(world.tenantBot, {
    type: 'ProvisionInstance', data: { tenantId: world.tenantA, name: 'Reply ERP', subdomain, plan: 'starter', adminEmail: 'a@example.test' },
  }, { userId: world.tenantBot.user, replyTo: 'victim.replies', correlationId: 'victim-request-1' }, 1500);
  expect(outcome).toEqual({ kind: 'silence' });
  const channel = await victim.createChannel();
  expect(await channel.get('victim.replies', { noAck: true })).toBe(false);
  const requested = (await world.platform.store.readAll({ maxCount: 10_000 })).filter((e) => e.type === 'InstanceProvisioningRequested' && (e.data as { subdomain: string }).subdomain === subdomain);
  expect(requested).toEqual([]);
});
