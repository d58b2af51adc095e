import { startPublisherWorld, type PublisherWorld } from './support/publisherWorld';

/**
 * Issue 13 (low): the ingress copied the body's `metadata.tenantId` and `causationId` into every
 * event it produced. A publisher bound to tenant A could file its events under tenant B (whose
 * mails, projections and audit read `metadata.tenantId`) and claim any causation.
 */
let world: PublisherWorld;

beforeAll(async () => {
  world = await startPublisherWorld('metadata');
}, 60_000);
afterAll(() => world?.teardown());

test("the body's tenantId and a free-text causationId do not reach the events", async () => {
  const subdomain = `meta-${Date.now()}`;
  const outcome = await world.publish(world.tenantBot, {
    type: 'ProvisionInstance',
    data: { tenantId: world.tenantA, name: 'Meta ERP', subdomain, plan: 'starter', adminEmail: 'a@example.test' },
    metadata: { tenantId: world.tenantB, causationId: 'approved by the platform operators, ticket 7' },
  }, { userId: world.tenantBot.user });
  expect(outcome).toMatchObject({ kind: 'reply', reply: { ok: true } });
  if (outcome.kind !== 'reply' || !outcome.reply.ok) throw new Error('unreachable');
  const [requested] = await world.events(outcome.reply.result.streamName);
  expect(requested).toMatchObject({ type: 'InstanceProvisioningRequested', metadata: { tenantId: world.tenantA, causationId: outcome.reply.result.commandId } });
});
