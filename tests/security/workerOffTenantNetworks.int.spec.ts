import { createOdooRpc } from '../../src/adapters/odoo/createOdooRpc';
import { instanceDatabaseName } from '../../src/sagas/instances/instanceDatabaseName';
import { removeTestDockerResources } from '../support/docker';
import { createSagaWorld, newSagaWorldNames, type SagaWorld } from '../sagas/support/sagaTestWorld';

// Issue 13 finding 13: in compose the worker, which holds the Docker socket, joined every tenant
// network to reach each Odoo. With INSTANCE_REACH=exec (healthAddress 'exec') a whole provisioning —
// health waits and the XML-RPC that replaces admin/admin — goes through the Docker API instead
// (tests/adapters/docker/execReach.int.spec.ts shows it on a container no network reaches).
describe('provisioning with the worker off the tenant networks', () => {
  let world: SagaWorld;
  beforeAll(async () => {
    const names = newSagaWorldNames('execprovision');
    world = await createSagaWorld({ ...names, docker: { ...names.docker, healthAddress: 'exec' } });
    await removeTestDockerResources(world.docker, world.names.suite);
  });
  afterEach(() => world.stopWorkers());
  afterAll(async () => {
    await world.close();
    await removeTestDockerResources(world.docker, world.names.suite);
  });

  it('provisions, replaces the default admin and marks the instance ready, all through the container', async () => {
    await world.startWorker();
    const { instanceId } = await world.provision();
    const outcome = await world.waitForInstanceEvent(instanceId, ['InstanceProvisioned', 'InstanceProvisioningFailed']);
    expect(outcome.type).toBe('InstanceProvisioned');
    const saga = await world.store.readStream(`saga-provisionInstance-${instanceId}`);
    expect(saga.filter((e) => e.type === 'SagaStepCompleted').map((e) => (e.data as { step: string }).step)).toContain('setAdminCredentials');
    // admin/admin no longer signs in: asked through the container as well.
    const odoo = createOdooRpc(await world.adapter.odooHttp(instanceId));
    expect(await odoo.authenticate(instanceDatabaseName(instanceId), 'admin', 'admin')).toBeNull();
  });
});
