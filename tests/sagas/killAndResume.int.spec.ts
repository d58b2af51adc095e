import { removeTestDockerResources } from '../support/docker';
import { instanceLeftovers } from './support/instanceLeftovers';
import { createSagaWorld, newSagaWorldNames, type SagaWorld } from './support/sagaTestWorld';
import { killWorkerProcess, startWorkerProcess } from './support/workerProcess';

const steps = [
  'claimSubdomain', 'createRole', 'createDatabase', 'createVolume', 'initialiseOdoo', 'createContainer', 'startContainer', 'waitHealthy',
  'setAdminCredentials', 'addRoute',
];

describe('a worker SIGKILLed during each provisioning step', () => {
  let world: SagaWorld;

  beforeAll(async () => {
    world = await createSagaWorld(newSagaWorldNames('killresume'));
    await removeTestDockerResources(world.docker, world.names.suite);
  });
  afterAll(async () => {
    await world.close();
    await removeTestDockerResources(world.docker, world.names.suite);
  });

  it.each(steps)('killed inside %s (its effect done, not yet recorded): a restarted worker completes the saga exactly once', async (step) => {
    // The hang comes right after the step's work: the hardest moment, the effect exists but the
    // stream does not say so.
    const first = await startWorkerProcess(world, `${step}:hang`);
    const { instanceId } = await world.provision();
    const stream = `saga-provisionInstance-${instanceId}`;
    const before = steps.indexOf(step);
    for (;;) {
      const done = (await world.store.readStream(stream)).filter((e) => e.type === 'SagaStepCompleted').length;
      if (done >= before && done > 0 || (before === 0 && (await world.store.readStream(stream)).length > 0)) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    await killWorkerProcess(first);

    const second = await startWorkerProcess(world);
    try {
      const outcome = await world.waitForInstanceEvent(instanceId, ['InstanceProvisioned', 'InstanceProvisioningFailed']);
      if (outcome.type !== 'InstanceProvisioned') throw new Error(JSON.stringify(outcome.data));
      // The instance's report is the saga's last act; its own SagaCompleted follows a moment later.
      for (const deadline = Date.now() + 10_000; !(await world.store.readStream(stream)).some((e) => e.type === 'SagaCompleted');) {
        if (Date.now() > deadline) throw new Error(`no SagaCompleted in ${stream}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      await killWorkerProcess(second);
    }
    const saga = await world.store.readStream(stream);
    const completed = saga.filter((e) => e.type === 'SagaStepCompleted').map((e) => (e.data as { step: string }).step);
    expect(completed).toEqual(steps);
    expect(saga.filter((e) => e.type === 'SagaCompleted')).toHaveLength(1);
    const instance = await world.store.readStream(`instance-${instanceId}`);
    expect(instance.map((e) => e.type)).toEqual(['InstanceProvisioningRequested', 'InstanceProvisioned']);
    expect(await instanceLeftovers(world, instanceId)).toEqual(['container', 'volume', 'database', 'role', 'subdomain claim', 'secret']);
    const containers = await world.docker.listContainers({ all: true, filters: JSON.stringify({ label: [`platform.instance=${instanceId}`] }) });
    expect(containers).toHaveLength(1);
    expect(containers[0]!.State).toBe('running');
  });
});
