import { v7 as uuidv7 } from 'uuid';
import { startPublisherWorld, type PublisherWorld } from './support/publisherWorld';

/**
 * Issue 13 #3: every AMQP command used to act as one all-powerful `system:amqp`, whoever published
 * it. Now the broker-validated user_id names the publisher, AMQP_PUBLISHERS maps it to a principal,
 * and anything else is refused (docs/decisions/027).
 */
let world: PublisherWorld;

beforeAll(async () => {
  world = await startPublisherWorld('publishers');
}, 60_000);
afterAll(() => world?.teardown());

const provision = (tenantId: string, subdomain: string) => ({
  type: 'ProvisionInstance',
  data: { tenantId, name: `ERP ${subdomain}`, subdomain, plan: 'starter', adminEmail: 'owner@example.test' },
});
const tenantEvents = async (tenantId: string) => (await world.events(`tenant-${tenantId}`)).map((e) => e.type);
/** Counted in $all once at least one is there: gap-safe reads stop at the oldest open transaction of
 * the cluster (tests/support/readAllCommitted.ts), so a suite beside this one can hold back, for a
 * while, an event this test already committed (CI saw 0 here). */
const instancesRequestedBy = async (actor: string) => {
  const requested = (events: Array<{ type: string; metadata: { actor?: string } }>) =>
    events.filter((e) => e.type === 'InstanceProvisioningRequested' && e.metadata.actor === actor).length;
  for (const deadline = Date.now() + 30_000; ;) {
    const count = requested(await world.platform.store.readAll({ maxCount: 10_000 }));
    if (count > 0 || Date.now() > deadline) return count;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

test('a command without user_id is refused (401), dead-lettered, and runs nothing', async () => {
  const messageId = uuidv7();
  const outcome = await world.publish(world.operator, { type: 'RenameTenant', data: { tenantId: world.tenantB, name: 'Anonymous was here' } }, { messageId });
  expect(outcome).toMatchObject({ kind: 'reply', reply: { ok: false, problem: { status: 401 } } });
  await world.deadLettered(messageId);
  expect(await tenantEvents(world.tenantB)).toEqual(['TenantCreated']);
});

test("a user_id that is not the connection's own user: the broker closes the channel, nothing runs", async () => {
  const outcome = await world.publish(world.stranger, { type: 'RenameTenant', data: { tenantId: world.tenantB, name: 'Impersonated' } }, { userId: world.operator.user });
  expect(outcome).toEqual({ kind: 'channelClosed', code: 406 });
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(await tenantEvents(world.tenantB)).toEqual(['TenantCreated']);
});

test('a broker user that is not a configured publisher is refused (403), even claiming one in a header', async () => {
  for (const headers of [{}, { 'x-platform-publisher': world.operator.user }]) {
    const messageId = uuidv7();
    const outcome = await world.publish(world.stranger, { type: 'RenameTenant', data: { tenantId: world.tenantB, name: 'Stranger' } }, { messageId, userId: world.stranger.user, headers });
    expect(outcome).toMatchObject({ kind: 'reply', reply: { ok: false, problem: { status: 403 } } });
    await world.deadLettered(messageId);
  }
  expect(await tenantEvents(world.tenantB)).toEqual(['TenantCreated']);
});

test('a tenant-bound publisher acts in its tenant only, as itself', async () => {
  const bot = world.tenantBot;
  const own = await world.publish(bot, provision(world.tenantA, `acme-${Date.now()}`), { userId: bot.user });
  expect(own).toMatchObject({ kind: 'reply', reply: { ok: true } });
  expect(await instancesRequestedBy(`service:${bot.user}`)).toBe(1);

  const foreign = await world.publish(bot, provision(world.tenantB, `victim-${Date.now()}`), { userId: bot.user });
  expect(foreign).toMatchObject({ kind: 'reply', reply: { ok: false, problem: { status: 404 } } });
  const rename = await world.publish(bot, { type: 'RenameTenant', data: { tenantId: world.tenantB, name: 'Taken over' } }, { userId: bot.user });
  expect(rename).toMatchObject({ kind: 'reply', reply: { ok: false, problem: { status: 404 } } });
  const create = await world.publish(bot, { type: 'CreateTenant', data: { name: 'Side business' } }, { userId: bot.user });
  expect(create).toMatchObject({ kind: 'reply', reply: { ok: false, problem: { status: 403 } } });
  expect(await tenantEvents(world.tenantB)).toEqual(['TenantCreated']);
  expect(await instancesRequestedBy(`service:${bot.user}`)).toBe(1);
});

test('the operator publisher acts as its configured system identity', async () => {
  const outcome = await world.publish(world.operator, { type: 'RenameTenant', data: { tenantId: world.tenantB, name: 'Renamed by ops' } }, { userId: world.operator.user });
  expect(outcome).toMatchObject({ kind: 'reply', reply: { ok: true } });
  const events = await world.events(`tenant-${world.tenantB}`);
  expect(events[events.length - 1]).toMatchObject({ type: 'TenantRenamed', metadata: { actor: 'system:ops-bot' } });
});
