import { randomUUID } from 'node:crypto';
import { sagasCancel, sagasList, sagasRetry, sagasShow, type SagaCommandContext } from '../../../src/api/cli/sagasCommands';
import { createPostgresSagaSchedule } from '../../../src/adapters/sagas/createPostgresSagaSchedule';
import type { Config } from '../../../src/config';
import type { InstanceSagaWorker } from '../../../src/wiring/startInstanceSagaWorker';
import { removeTestDockerResources } from '../../support/docker';
import { instanceLeftovers } from '../../sagas/support/instanceLeftovers';
import { createSagaWorld, newSagaWorldNames, type SagaWorld } from '../../sagas/support/sagaTestWorld';
import { probeUntil as until } from '../../support/probeUntil';

describe('CLI: sagas list/show/retry/cancel', () => {
  let world: SagaWorld;
  let worker: InstanceSagaWorker;
  let context: SagaCommandContext;
  const lines: string[] = [];
  const write = (line: string) => lines.push(line);

  beforeAll(async () => {
    world = await createSagaWorld(newSagaWorldNames('sagacli'));
    await removeTestDockerResources(world.docker, world.names.suite);
    context = { config: { READMODEL_SCHEMA: world.names.readModelSchema, SAGA_SCHEMA: world.names.sagaSchema } as Config, db: world.db, store: world.store, schedule: createPostgresSagaSchedule(world.pool, world.names.sagaSchema) };
    worker = await world.startWorker();
  });
  afterAll(async () => {
    await world.close();
    await removeTestDockerResources(world.docker, world.names.suite);
  });
  beforeEach(() => lines.splice(0));

  it('lists and shows sagas; retry and cancel refuse a finished one; a deferred saga is stuck and can be retried', async () => {
    const { instanceId, tenantId } = await world.provision();
    await world.waitForInstanceEvent(instanceId, ['InstanceProvisioned']);
    const listed = await until(async () => (await sagasList(context, {}, write)).find((s) => s.sagaId === instanceId && s.status === 'succeeded'));
    expect(listed).toMatchObject({ sagaName: 'provisionInstance', stepsCompleted: 10 });
    expect(lines.some((line) => line.startsWith(`${instanceId} provisionInstance succeeded`))).toBe(true);

    lines.splice(0);
    expect(await sagasShow(context, instanceId, write)).toBe(true);
    expect(lines.filter((line) => line.includes('SagaStepCompleted')).map((line) => /step=(\w+)/.exec(line)?.[1]))
      .toEqual(['claimSubdomain', 'createRole', 'createDatabase', 'createVolume', 'initialiseOdoo', 'createContainer', 'startContainer', 'waitHealthy', 'setAdminCredentials', 'addRoute']);
    expect(await sagasShow(context, randomUUID(), write)).toBe(false);
    expect(await sagasRetry(context, instanceId, write)).toBe(false);
    expect(await sagasCancel(context, instanceId, write)).toBe(false);
    expect(lines.at(-1)).toContain('already finished (succeeded)');

    // A deletion waiting out its grace period counts as stuck; retry runs it now (it defers again).
    await world.handleCommand({
      type: 'DeleteInstance', data: { instanceId, gracePeriodSeconds: 3600, reason: 'test' },
      metadata: { commandId: randomUUID(), actor: 'user-test', correlationId: randomUUID(), tenantId },
    });
    const deletion = await until(async () => (await sagasList(context, { stuck: true }, write)).find((s) => s.sagaName === 'deleteInstance' && s.subjectId === instanceId));
    expect(deletion.currentStep).toBe('awaitGracePeriod');
    expect(await sagasRetry(context, deletion.sagaId, write)).toBe(true);
    const deferrals = async () => (await world.store.readStream(deletion.streamName)).filter((e) => e.type === 'SagaStepDeferred').length;
    await until(async () => ((await deferrals()) >= 2 ? true : undefined));
    const retried = (await world.store.readStream(deletion.streamName)).find((e) => e.type === 'SagaRetryRequested');
    expect(retried?.metadata.actor).toMatch(/^operator:/);
  });

  it('cancel stops a running provisioning and compensates everything it did', async () => {
    await worker.stop();
    // Never healthy: the saga sits in waitHealthy long enough to be cancelled there.
    await world.startWorker({ containerEnv: { ODOO_DOUBLE_UNHEALTHY: '1' } });
    const { instanceId } = await world.provision();
    const stream = `saga-provisionInstance-${instanceId}`;
    await until(async () => ((await world.store.readStream(stream)).some((e) => e.type === 'SagaStepCompleted' && (e.data as { step: string }).step === 'startContainer') ? true : undefined));
    await until(async () => ((await sagasList(context, {}, write)).some((s) => s.sagaId === instanceId) ? true : undefined));
    expect(await sagasCancel(context, instanceId, write, 'operator test')).toBe(true);
    const failed = await world.waitForInstanceEvent(instanceId, ['InstanceProvisioningFailed', 'InstanceProvisioned']);
    expect(failed.data).toMatchObject({ reason: expect.stringContaining('cancelled: operator test') });
    const saga = await world.store.readStream(stream);
    expect(saga.at(-1)).toMatchObject({ type: 'SagaCompleted', data: { outcome: 'cancelled' } });
    expect(await instanceLeftovers(world, instanceId)).toEqual([]);
  });
});
