import type { RecordedEvent } from '../../src/ports/eventStore';
import type { ProjectionRunner } from '../../src/projections/runtime/startProjectionRunner';
import { runningInstances } from '../../src/projections/instances/runningInstances';
import { startHealthWatcher, type HealthWatcher } from '../../src/processes/startHealthWatcher';
import type { InstanceSagaWorker } from '../../src/wiring/startInstanceSagaWorker';
import { execInContainer, removeTestDockerResources } from '../support/docker';
import { createSagaWorld, newSagaWorldNames, type SagaWorld } from '../sagas/support/sagaTestWorld';
import { startInstancesReadModel } from '../sagas/support/startInstancesReadModel';

const healthTypes = ['InstanceBecameUnhealthy', 'InstanceRecovered', 'InstanceCrashed'];

describe('health watcher on real Docker', () => {
  let world: SagaWorld;
  let worker: InstanceSagaWorker;
  let readModel: ProjectionRunner;
  let watcher: HealthWatcher;

  const provisioned = async () => {
    const instance = await world.provision();
    const outcome = await world.waitForInstanceEvent(instance.instanceId, ['InstanceProvisioned', 'InstanceProvisioningFailed']);
    if (outcome.type !== 'InstanceProvisioned') throw new Error(JSON.stringify(outcome.data));
    return instance;
  };
  const healthEvents = async (instanceId: string): Promise<RecordedEvent[]> =>
    (await world.store.readStream(`instance-${instanceId}`)).filter((e) => healthTypes.includes(e.type));
  const inContainer = (instanceId: string, script: string) => execInContainer(world.docker, `odoo-${instanceId}`, ['sh', '-c', script]);
  // A few probe rounds: long enough for a duplicate report to show up if there were one.
  const settle = () => new Promise((resolve) => setTimeout(resolve, 1500));

  beforeAll(async () => {
    world = await createSagaWorld(newSagaWorldNames('healthwatch'));
    await removeTestDockerResources(world.docker, world.names.suite);
    worker = await world.startWorker();
    const started = await startInstancesReadModel(world);
    readModel = started.runner;
    watcher = await startHealthWatcher({
      docker: world.adapter, handleCommand: world.handleCommand,
      listInstances: runningInstances(world.db, started.tables),
      intervalMs: 250, probeTimeoutMs: 1000, unhealthyAfter: 2,
    });
  });
  afterAll(async () => {
    await watcher.stop();
    await readModel.stop();
    await worker.stop();
    await world.close();
    await removeTestDockerResources(world.docker, world.names.suite);
  });

  it('records InstanceCrashed with the exit code, once, when a container is killed from outside', async () => {
    const { instanceId } = await provisioned();
    await world.docker.getContainer(`odoo-${instanceId}`).kill();
    const crashed = await world.waitForInstanceEvent(instanceId, ['InstanceCrashed'], 15_000);
    expect(crashed.data).toMatchObject({ instanceId, exitCode: 137, oomKilled: false });
    await settle();
    expect((await healthEvents(instanceId)).map((e) => e.type)).toEqual(['InstanceCrashed']);
  });

  it('records InstanceCrashed with oomKilled when the instance exceeds its memory limit, then InstanceRecovered once Docker restarts it', async () => {
    const { instanceId } = await provisioned();
    // starter plan here is 96 MiB: the stand-in allocating 256 MiB is OOM-killed.
    await inContainer(instanceId, 'echo 256 > /var/lib/odoo/.double-allocate-mb');
    const crashed = await world.waitForInstanceEvent(instanceId, ['InstanceCrashed'], 15_000);
    expect(crashed.data).toMatchObject({ instanceId, oomKilled: true, exitCode: 137 });
    await world.waitForInstanceEvent(instanceId, ['InstanceRecovered'], 15_000);
    await settle();
    expect((await healthEvents(instanceId)).map((e) => e.type)).toEqual(['InstanceCrashed', 'InstanceRecovered']);
  });

  it('records InstanceBecameUnhealthy, then InstanceRecovered, one event per change', async () => {
    const { instanceId } = await provisioned();
    await inContainer(instanceId, 'touch /var/lib/odoo/.double-unhealthy');
    const unhealthy = await world.waitForInstanceEvent(instanceId, ['InstanceBecameUnhealthy'], 15_000);
    expect((unhealthy.data as { detail: string }).detail).toContain('/web/health');
    await settle();
    await inContainer(instanceId, 'rm /var/lib/odoo/.double-unhealthy');
    await world.waitForInstanceEvent(instanceId, ['InstanceRecovered'], 15_000);
    await settle();
    expect((await healthEvents(instanceId)).map((e) => e.type)).toEqual(['InstanceBecameUnhealthy', 'InstanceRecovered']);
  });

  it('records nothing when the platform itself stops an instance', async () => {
    const { instanceId, tenantId } = await provisioned();
    await world.handleCommand({
      type: 'StopInstance', data: { instanceId },
      metadata: { commandId: `stop-${instanceId}`, actor: 'user-test', correlationId: instanceId, tenantId },
    });
    await world.waitForInstanceEvent(instanceId, ['InstanceStopped', 'InstanceOperationFailed']);
    await settle();
    expect(await healthEvents(instanceId)).toEqual([]);
  });
});
