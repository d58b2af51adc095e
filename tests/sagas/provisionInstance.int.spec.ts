import { decryptSecret } from '../../src/adapters/identity/encryptSecret';
import { instanceDatabaseName, instanceSecretReference } from '../../src/sagas/instances/instanceDatabaseName';
import { removeTestDockerResources } from '../support/docker';
import { connectAsInstanceRole } from '../support/instancesDb';
import { instanceLeftovers } from './support/instanceLeftovers';
import { createSagaWorld, newSagaWorldNames, type SagaWorld } from './support/sagaTestWorld';

const provisionSteps = [
  'claimSubdomain', 'createRole', 'createDatabase', 'createVolume', 'initialiseOdoo', 'createContainer', 'startContainer', 'waitHealthy',
  'setAdminCredentials', 'addRoute',
];

describe('provision saga on real Docker and PostgreSQL', () => {
  let world: SagaWorld;

  beforeAll(async () => {
    world = await createSagaWorld(newSagaWorldNames('provision'));
    await removeTestDockerResources(world.docker, world.names.suite);
  });
  afterEach(() => world.stopWorkers());
  afterAll(async () => {
    await world.close();
    await removeTestDockerResources(world.docker, world.names.suite);
  });

  it('provisions a running instance: limits, labels, env, volume, and a role that only reaches its own database', async () => {
    const worker = await world.startWorker();
    const first = await world.provision();
    const second = await world.provision({ plan: 'business' });
    const provisioned = await world.waitForInstanceEvent(first.instanceId, ['InstanceProvisioned', 'InstanceProvisioningFailed']);
    expect(provisioned).toMatchObject({ type: 'InstanceProvisioned' });
    expect(await world.waitForInstanceEvent(second.instanceId, ['InstanceProvisioned', 'InstanceProvisioningFailed'])).toMatchObject({ type: 'InstanceProvisioned' });
    await worker.stop();

    const container = await world.adapter.inspect(first.instanceId);
    if (!container.exists) throw new Error('container missing');
    expect(container.running).toBe(true);
    expect(container.limits).toEqual({ memoryBytes: 96 * 1024 * 1024, nanoCpus: 500_000_000 });
    expect(container.labels).toMatchObject({ 'platform.instance': first.instanceId, 'platform.tenant': first.tenantId, 'platform.test': '1' });
    expect(Object.values(container.labels).join(' ')).toContain(`Host(\`${first.subdomain}.test.localhost\`)`);
    const info = await world.docker.getContainer(`odoo-${first.instanceId}`).inspect();
    const env = Object.fromEntries(info.Config.Env.map((line) => line.split(/=(.*)/s).slice(0, 2)));
    expect(env.USER).toBe(instanceDatabaseName(first.instanceId));
    expect(env.HOST).toBe('host.docker.internal');
    expect(info.HostConfig.RestartPolicy?.Name).toBe('unless-stopped');
    // Docker's health check passes only with the platform's ready mark (put after admin/admin was
    // replaced): what Traefik waits for before it routes.
    for (const deadline = Date.now() + 15_000; ;) {
      const health = (await world.docker.getContainer(`odoo-${first.instanceId}`).inspect()).State.Health?.Status;
      if (health === 'healthy') break;
      if (Date.now() > deadline) throw new Error(`container health is ${health}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(info.Mounts.map((m) => `${m.Name}:${m.Destination}`)).toContain(`odoo-${first.instanceId}-data:/var/lib/odoo`);

    // The password lives only encrypted in the secrets table, and works for its own database only.
    const { rows } = await world.pool.query<{ ciphertext: Buffer }>(`SELECT ciphertext FROM "${world.names.sagaSchema}".secrets WHERE reference = $1`, [instanceSecretReference(first.instanceId)]);
    const password = decryptSecret(Buffer.from(world.names.secretsKey, 'base64'), rows[0]!.ciphertext, instanceSecretReference(first.instanceId));
    const role = instanceDatabaseName(first.instanceId);
    const own = await connectAsInstanceRole(role, password, role);
    await own.query('CREATE TABLE proof (id int)');
    await own.end();
    await expect(connectAsInstanceRole(role, password, instanceDatabaseName(second.instanceId))).rejects.toThrow(/permission denied|not permitted/i);

    // No event of the whole run carries the password.
    const all = await world.store.readAll({});
    expect(JSON.stringify(all)).not.toContain(password);
    const sagaStream = await world.store.readStream(`saga-provisionInstance-${first.instanceId}`);
    expect(sagaStream.filter((e) => e.type === 'SagaStepCompleted').map((e) => (e.data as { step: string }).step)).toEqual(provisionSteps);
  });

  it('refuses a subdomain another instance holds, leaving the holder untouched', async () => {
    const worker = await world.startWorker();
    const holder = await world.provision();
    await world.waitForInstanceEvent(holder.instanceId, ['InstanceProvisioned']);
    const rival = await world.provision({ subdomain: holder.subdomain });
    const failed = await world.waitForInstanceEvent(rival.instanceId, ['InstanceProvisioningFailed', 'InstanceProvisioned']);
    await worker.stop();
    expect(failed.type).toBe('InstanceProvisioningFailed');
    expect(failed.data).toMatchObject({ failedStep: 'claimSubdomain', reason: expect.stringContaining('already taken') });
    expect(await instanceLeftovers(world, rival.instanceId)).toEqual([]);
    expect(await instanceLeftovers(world, holder.instanceId)).toEqual(['container', 'volume', 'database', 'role', 'subdomain claim', 'secret']);
  });

  it.each(provisionSteps)('a failure injected at %s is compensated: nothing is left behind', async (step) => {
    const worker = await world.startWorker({ faultInjectStep: step });
    const { instanceId } = await world.provision();
    const failed = await world.waitForInstanceEvent(instanceId, ['InstanceProvisioningFailed', 'InstanceProvisioned']);
    await worker.stop();
    expect(failed.data).toMatchObject({ failedStep: step, reason: expect.stringContaining('fault injected') });
    expect(await instanceLeftovers(world, instanceId)).toEqual([]);
    const saga = await world.store.readStream(`saga-provisionInstance-${instanceId}`);
    expect(saga[saga.length - 1]).toMatchObject({ type: 'SagaCompleted', data: { outcome: 'compensated', failedStep: step } });
  });

  it('an Odoo whose initialisation fails is compensated: nothing is left behind, no container ran', async () => {
    const worker = await world.startWorker({ containerEnv: { ODOO_DOUBLE_FAIL_INIT: '1' } });
    const { instanceId } = await world.provision();
    const failed = await world.waitForInstanceEvent(instanceId, ['InstanceProvisioningFailed', 'InstanceProvisioned']);
    await worker.stop();
    expect(failed.data).toMatchObject({ failedStep: 'initialiseOdoo', reason: expect.stringMatching(/could not initialise its database \(exit 1\)/) });
    expect(await instanceLeftovers(world, instanceId)).toEqual([]);
    const oneOffs = await world.docker.listContainers({ all: true, filters: JSON.stringify({ label: [`platform.instance=${instanceId}`] }) });
    expect(oneOffs).toEqual([]);
  });

  it('an init container killed from outside fails the step and is compensated', async () => {
    const worker = await world.startWorker();
    const { instanceId } = await world.provision();
    // Wait for the one-off container, then kill it as an operator (or the OOM killer) would.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const found = await world.docker.listContainers({ filters: JSON.stringify({ name: [`odoo-${instanceId}-init`] }) });
      if (found.length > 0) { await world.docker.getContainer(found[0]!.Id).kill(); break; }
      if (Date.now() > deadline) throw new Error('the init container never showed');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const outcome = await world.waitForInstanceEvent(instanceId, ['InstanceProvisioningFailed', 'InstanceProvisioned']);
    await worker.stop();
    // Odoo's init hashes the admin password (600,000 PBKDF2 rounds) and creates its tables: far longer
    // than the 20 ms between looks, so the kill lands before its end.
    expect(outcome.data).toMatchObject({ failedStep: 'initialiseOdoo', reason: expect.stringMatching(/exit 137/) });
    expect(await instanceLeftovers(world, instanceId)).toEqual([]);
  });

  it('an image that never becomes healthy fails at waitHealthy and is compensated', async () => {
    const worker = await world.startWorker({ containerEnv: { ODOO_DOUBLE_UNHEALTHY: '1' } });
    const { instanceId } = await world.provision();
    const failed = await world.waitForInstanceEvent(instanceId, ['InstanceProvisioningFailed', 'InstanceProvisioned']);
    await worker.stop();
    expect(failed.type).toBe('InstanceProvisioningFailed');
    expect(failed.data).toMatchObject({ failedStep: 'waitHealthy' });
    expect(await instanceLeftovers(world, instanceId)).toEqual([]);
  });
});
