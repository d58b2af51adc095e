import { removeTestDockerResources } from '../support/docker';
import { instanceLeftovers } from '../sagas/support/instanceLeftovers';
import { createSagaWorld, newSagaWorldNames, testHealthTimeoutMs, type SagaWorld } from '../sagas/support/sagaTestWorld';

// Finding (low) "internal error text never reaches tenants", for sagas: a provisioning that fails on
// a Docker error (here: an image the engine cannot pull, there being no registry) told the tenant
// Docker's own words in InstanceProvisioningFailed (the instance's failureReason, the failure mail).
// The tenant now gets the platform's words; the engine's text stays in the saga stream for operators.
describe('a saga that fails on a component error', () => {
  let world: SagaWorld;
  beforeAll(async () => {
    world = await createSagaWorld(newSagaWorldNames('safereason'));
    await removeTestDockerResources(world.docker, world.names.suite);
  });
  afterEach(() => world.stopWorkers());
  afterAll(async () => {
    await world.close();
    await removeTestDockerResources(world.docker, world.names.suite);
  });

  it('tells the tenant no Docker text, keeps it for operators, and leaves nothing behind', async () => {
    const missing = 'platform-test/odoo:no-such-tag';
    const worker = await world.startWorker({ odooImages: { '17.0': missing, '18.0': missing } });
    const { instanceId } = await world.provision();
    const failed = await world.waitForInstanceEvent(instanceId, ['InstanceProvisioningFailed', 'InstanceProvisioned']);
    await worker.stop();
    expect(failed).toMatchObject({ type: 'InstanceProvisioningFailed', data: { failedStep: 'initialiseOdoo', reason: 'an internal error; the platform\'s operators have the details' } });
    expect(JSON.stringify(failed.data)).not.toMatch(/HTTP code|registry|dial tcp/);
    const saga = await world.store.readStream(`saga-provisionInstance-${instanceId}`);
    const raw = saga.filter((e) => e.type === 'SagaStepFailed').map((e) => (e.data as { error: string }).error).join(' ');
    expect(raw).toMatch(/HTTP code 500/);
    expect(await instanceLeftovers(world, instanceId)).toEqual([]);
  });

  it('a health-check timeout tells the tenant how long it waited, not the container\'s address', async () => {
    await world.startWorker({ containerEnv: { ODOO_DOUBLE_UNHEALTHY: '1' } });
    const { instanceId } = await world.provision();
    const failed = await world.waitForInstanceEvent(instanceId, ['InstanceProvisioningFailed', 'InstanceProvisioned']);
    expect(failed).toMatchObject({ type: 'InstanceProvisioningFailed', data: { failedStep: 'waitHealthy', reason: `Odoo did not answer its health check within ${testHealthTimeoutMs / 1000} s` } });
    expect(JSON.stringify(failed.data)).not.toMatch(/\d+\.\d+\.\d+\.\d+|ECONNREFUSED|odoo-/);
    // Operators still see the observation.
    const saga = await world.store.readStream(`saga-provisionInstance-${instanceId}`);
    const raw = saga.filter((e) => e.type === 'SagaStepFailed').map((e) => (e.data as { error: string }).error).join(' ');
    expect(raw).toContain(`was not healthy within ${testHealthTimeoutMs} ms (last: `);
  });
});
