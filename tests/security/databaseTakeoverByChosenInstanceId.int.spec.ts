import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { commandAccess } from '../../src/api/authorization/commandAccess';
import { instanceDatabaseName } from '../../src/sagas/instances/instanceDatabaseName';
import { identityKit, type IdentityKit } from '../api/identity/identityKit';
import { removeTestDockerResources } from '../support/docker';
import { connectAsInstanceRole, testInstanceAdminUrl } from '../support/instancesDb';
import { signUp } from '../support/signUp';
import { startTestPlatform, type TestPlatform } from '../support/testPlatform';
import { instanceLeftovers } from '../sagas/support/instanceLeftovers';
import { createSagaWorld, newSagaWorldNames, type SagaWorld } from '../sagas/support/sagaTestWorld';

// Finding 1 (docs/security.md): tenant B posted `instanceId` aimed at tenant A's database name
// (inst_ + the last 16 hex digits of the id), and provisioning re-passworded A's role and adopted A's
// database. Now callers cannot choose the id, names come from the whole id, and a provision step
// refuses any role, database, volume or container it did not mark.

describe('a chosen instance id over HTTP', () => {
  let platform: TestPlatform;
  let kit: IdentityKit;
  beforeAll(async () => {
    platform = await startTestPlatform();
    kit = identityKit(platform);
  });
  afterAll(async () => {
    await kit.close();
    await platform.stop();
  });

  it("is refused with a 400 problem, and tenant B's request writes nothing", async () => {
    const victim = await signUp(platform.url);
    const attacker = await signUp(platform.url);
    const victimTenant = (await kit.call('POST', '/api/v1/tenants', { name: 'Victim Co' }, victim.auth)).body.tenantId as string;
    const attackerTenant = (await kit.call('POST', '/api/v1/tenants', { name: 'Attacker Co' }, attacker.auth)).body.tenantId as string;
    const spec = (tenantId: string, subdomain: string) => ({ tenantId, name: 'ERP', subdomain, plan: 'starter', adminEmail: 'a@example.test' });
    const victimInstance = await kit.call('POST', '/api/v1/instances', spec(victimTenant, `victim-${Date.now()}`), victim.auth);
    expect(victimInstance.status).toBe(202);
    const victimId = victimInstance.body.instanceId as string;

    const before = await platform.countEvents();
    const aimed = `00000000-0000-4000-${victimId.slice(19)}`;
    for (const instanceId of [aimed, victimId, randomUUID()]) {
      const reply = await kit.call('POST', '/api/v1/instances', { ...spec(attackerTenant, `attacker-${Date.now()}`), instanceId }, attacker.auth);
      expect(reply.status).toBe(400);
      expect(reply.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(JSON.stringify(reply.body)).toMatch(/instanceId/);
    }
    expect(await platform.countEvents()).toBe(before);
    // The name no longer depends on part of the id: the aimed id names another database.
    expect(instanceDatabaseName(aimed)).not.toBe(instanceDatabaseName(victimId));
  });

  it('is only for the platform itself on the command ingress (AMQP): a tenant caller is not asked, it is refused as internal', () => {
    const tenantId = randomUUID();
    expect(commandAccess.ProvisionInstance!({ tenantId, name: 'x' }, 'user-1')).toEqual({ kind: 'tenant', tenantId, permission: 'instances:manage' });
    expect(commandAccess.ProvisionInstance!({ tenantId, instanceId: randomUUID() }, 'user-1')).toEqual({ kind: 'internal' });
  });
});

describe('provisioning over a squatted name', () => {
  let world: SagaWorld;
  let superuser: pg.Pool;
  beforeAll(async () => {
    world = await createSagaWorld(newSagaWorldNames('takeover'));
    await removeTestDockerResources(world.docker, world.names.suite);
    superuser = new pg.Pool({ connectionString: testInstanceAdminUrl.replace('platform_admin@', 'postgres@'), max: 1 });
  });
  afterAll(async () => {
    await world.close();
    await removeTestDockerResources(world.docker, world.names.suite);
    await superuser.end();
  });

  it('fails and compensates instead of re-passwording a role or adopting a database someone else made', async () => {
    const instanceId = randomUUID();
    const name = instanceDatabaseName(instanceId);
    // The squatter: a role and database of exactly the name the instance will use, made outside the saga.
    await superuser.query(`CREATE ROLE ${name} LOGIN PASSWORD 'squatter-Secret-1'`);
    await superuser.query(`CREATE DATABASE ${name} OWNER ${name}`);
    try {
      const worker = await world.startWorker();
      await world.provision({ instanceId });
      const outcome = await world.waitForInstanceEvent(instanceId, ['InstanceProvisioned', 'InstanceProvisioningFailed']);
      await worker.stop();
      expect(outcome).toMatchObject({ type: 'InstanceProvisioningFailed', data: { failedStep: 'createRole' } });
      expect((outcome.data as { reason: string }).reason).toMatch(/not created for this instance/);
      // The squatter's password still works (not re-passworded), its database is still there and its own.
      const session = await connectAsInstanceRole(name, 'squatter-Secret-1', name);
      await session.end();
      // Nothing of the instance was left behind but what it found (and did not touch).
      expect(await instanceLeftovers(world, instanceId)).toEqual(['database', 'role']);
    } finally {
      await superuser.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await superuser.query(`DROP ROLE IF EXISTS ${name}`);
    }
  });
});
