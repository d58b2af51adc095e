import { createKysely } from '../../src/adapters/postgres/createKysely';
import { instancesProjection } from '../../src/projections/instances/instancesProjection';
import { listInstances } from '../../src/projections/instances/queryInstances';
import type { ProjectionDb } from '../../src/projections/runtime/projection';
import { servingTableNames } from '../../src/projections/runtime/servingTableNames';
import { waitFor } from '../adapters/bus/busTestContext';
import { identityKit, type IdentityKit } from '../api/identity/identityKit';
import { signUp } from '../support/signUp';
import { createTestPool } from '../support/postgres';
import { startTestPlatform, type TestPlatform } from '../support/testPlatform';
import { startPublisherWorld } from './support/publisherWorld';

// Finding 12 (docs/security.md), the instances' part: a tenant could ask for any number of instances,
// each a database, a volume and a container with its plan's memory. INSTANCES_PER_TENANT_MAX bounds it
// (failed ones do not count: they hold nothing).
let platform: TestPlatform;
let kit: IdentityKit;
beforeAll(async () => {
  platform = await startTestPlatform('all', { INSTANCES_PER_TENANT_MAX: '2' });
  kit = identityKit(platform);
});
afterAll(async () => {
  await kit.close();
  await platform.stop();
});

test('the instance past the tenant\'s limit is refused with 403 quota-exceeded, writing nothing; another tenant is not affected', async () => {
  const owner = await signUp(platform.url);
  const tenantId = (await kit.call('POST', '/api/v1/tenants', { name: 'Greedy Co' }, owner.auth)).body.tenantId as string;
  const ask = (tenant: string, n: number) => kit.call('POST', '/api/v1/instances',
    { tenantId: tenant, name: `ERP ${n}`, subdomain: `greedy${n}-${Date.now()}`, plan: 'starter', adminEmail: owner.email }, owner.auth);
  const first = await ask(tenantId, 1);
  const second = await ask(tenantId, 2);
  expect([first.status, second.status]).toEqual([202, 202]);
  // The limit counts what the read model holds: let it see both.
  await kit.call('GET', `/api/v1/instances?tenantId=${tenantId}&minPosition=${second.body.position}`, undefined, owner.auth);

  const before = await platform.countEvents();
  const third = await ask(tenantId, 3);
  expect(third.status).toBe(403);
  expect(third.body).toMatchObject({ type: expect.stringContaining('quota-exceeded'), limit: 2 });
  expect(await platform.countEvents()).toBe(before);

  const otherTenant = (await kit.call('POST', '/api/v1/tenants', { name: 'Modest Co' }, owner.auth)).body.tenantId as string;
  expect((await ask(otherTenant, 4)).status).toBe(202);
});

test('over AMQP the same limit holds: a tenant-bound publisher gets a quota-exceeded reply and writes nothing', async () => {
  const world = await startPublisherWorld('quota', { role: 'all', env: { INSTANCES_PER_TENANT_MAX: '1' } });
  const db = createKysely(createTestPool(1)) as ProjectionDb;
  try {
    const bot = world.tenantBot;
    const provision = (n: number) => ({
      type: 'ProvisionInstance',
      data: { tenantId: world.tenantA, name: `ERP ${n}`, subdomain: `amqpquota${n}-${Date.now()}`, plan: 'starter', adminEmail: 'owner@example.test' },
    });
    expect(await world.publish(bot, provision(1), { userId: bot.user })).toMatchObject({ kind: 'reply', reply: { ok: true } });
    const tables = servingTableNames(instancesProjection, world.platform.config.READMODEL_SCHEMA);
    await waitFor(async () => (await listInstances(db, tables, world.tenantA)).length === 1, { what: 'the first instance in the read model' });

    const before = await world.platform.countEvents();
    const refused = await world.publish(bot, provision(2), { userId: bot.user });
    expect(refused).toMatchObject({ kind: 'reply', reply: { ok: false, problem: { status: 403, type: expect.stringContaining('quota-exceeded'), limit: 1 } } });
    expect(await world.platform.countEvents()).toBe(before);

    // An operator-level publisher is exempt, as operators are over HTTP.
    expect(await world.publish(world.operator, provision(3), { userId: world.operator.user })).toMatchObject({ kind: 'reply', reply: { ok: true } });
  } finally {
    await db.destroy();
    await world.teardown();
  }
});
