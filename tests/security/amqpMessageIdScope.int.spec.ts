import { v7 as uuidv7 } from 'uuid';
import { startPublisherWorld, type PublisherWorld } from './support/publisherWorld';

/**
 * Issue 13 #4, its AMQP side: the messageId is the idempotency key, and it was one namespace for every
 * publisher. A publisher that learnt (or guessed) another's messageId could block that publisher's
 * command with "key reused", or, sending the same body, be handed the other's result. Keys are now
 * scoped by the publisher's principal, as HTTP's Idempotency-Key is by the caller (docs/decisions/040).
 */
let world: PublisherWorld;

beforeAll(async () => {
  world = await startPublisherWorld('msgidscope');
}, 60_000);
afterAll(() => world?.teardown());

const provision = (subdomain: string) => ({
  type: 'ProvisionInstance',
  data: { tenantId: world.tenantA, name: 'ERP', subdomain, plan: 'starter', adminEmail: 'owner@example.test' },
});

test("the same body under another publisher's messageId is a new command, not the other's result", async () => {
  const messageId = uuidv7();
  const bot = world.tenantBot;
  const body = provision(`scope-${Date.now()}`);
  const first = await world.publish(bot, body, { messageId, userId: bot.user });
  const second = await world.publish(world.operator, body, { messageId, userId: world.operator.user });
  if (first.kind !== 'reply' || !first.reply.ok || second.kind !== 'reply' || !second.reply.ok) throw new Error(JSON.stringify([first, second]));
  expect(second.reply.result.streamName).not.toBe(first.reply.result.streamName);
  expect((await world.events(second.reply.result.streamName))[0]?.metadata.actor).toBe('system:ops-bot');
  // Its own key still answers the publisher that used it first.
  expect(await world.publish(bot, body, { messageId, userId: bot.user })).toEqual(first);
});

test("another publisher's messageId does not block a command as a reused key", async () => {
  const messageId = uuidv7();
  const bot = world.tenantBot;
  expect(await world.publish(bot, provision(`block-${Date.now()}`), { messageId, userId: bot.user })).toMatchObject({ kind: 'reply', reply: { ok: true } });
  const rename = await world.publish(world.operator, { type: 'RenameTenant', data: { tenantId: world.tenantB, name: 'Renamed anyway' } }, { messageId, userId: world.operator.user });
  expect(rename).toMatchObject({ kind: 'reply', reply: { ok: true } });
  expect((await world.events(`tenant-${world.tenantB}`)).map((e) => e.type)).toEqual(['TenantCreated', 'TenantRenamed']);
});
