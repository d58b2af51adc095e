import { randomUUID } from 'node:crypto';
import type { ProjectionRunner } from '../../../src/projections/runtime/startProjectionRunner';
import { runningInstances } from '../../../src/projections/instances/runningInstances';
import { startHealthWatcher, type HealthWatcher } from '../../../src/processes/startHealthWatcher';
import { removeTestDockerResources } from '../../support/docker';
import { startInstancesReadModel } from '../support/startInstancesReadModel';
import { createBackupWorld, type BackupWorld } from './backupTestWorld';
import { waitFor } from './restoreFixtures';

const healthTypes = ['InstanceBecameUnhealthy', 'InstanceRecovered', 'InstanceCrashed'];

// Issue 12: a consistent backup stops the instance on purpose. It holds the instance like any
// operation: the health watcher (probing every 100 ms here) records no crash, no "instance down" mail
// can follow, and start/stop/restart/delete are refused until the backup is done.
describe('a scheduled consistent backup of a running instance', () => {
  let world: BackupWorld;
  let readModel: ProjectionRunner;
  let watcher: HealthWatcher;

  beforeAll(async () => {
    world = await createBackupWorld('bkhold', 'fs');
    await removeTestDockerResources(world.docker, world.names.suite);
    await world.startWorker();
    await world.startBackupWorker();
    const started = await startInstancesReadModel(world);
    readModel = started.runner;
    watcher = await startHealthWatcher({
      docker: world.adapter, handleCommand: world.handleCommand,
      listInstances: runningInstances(world.db, started.tables),
      intervalMs: 100, probeTimeoutMs: 1000, unhealthyAfter: 1,
    });
  });
  afterAll(async () => {
    await watcher.stop();
    await readModel.stop();
    await world.closeAll();
    await removeTestDockerResources(world.docker, world.names.suite);
  });

  it('records no crash while it stops the instance, refuses other operations meanwhile, and gives the instance back running', async () => {
    const { instanceId, tenantId } = await world.runningInstance();
    const backupId = await world.command('BackupInstance', { instanceId, tenantId, mode: 'consistent', trigger: 'scheduled', slot: new Date().toISOString() }, tenantId);
    await world.waitForInstanceEvent(instanceId, ['InstanceBackupHoldStarted']);

    for (const type of ['StopInstance', 'RestartInstance']) {
      await expect(world.command(type, { instanceId }, tenantId)).rejects.toMatchObject({ code: 'operation-in-progress' });
    }
    await expect(world.command('DeleteInstance', { instanceId, gracePeriodSeconds: 0, reason: 'x' }, tenantId)).rejects.toMatchObject({ code: 'operation-in-progress' });
    await expect(world.command('BeginInstanceRestore', { instanceId, restoreId: randomUUID(), backupId: randomUUID() }, tenantId))
      .rejects.toMatchObject({ code: 'operation-in-progress' });

    const done = await world.waitForInstanceEvent(instanceId, ['InstanceBackupHoldReleased'], 120_000);
    expect(done.data).toMatchObject({ backupId });
    expect(await waitFor(world, `backup-${backupId}`, ['BackupCompleted', 'BackupFailed'])).toMatchObject({ type: 'BackupCompleted' });
    // The container was really stopped for the backup (downtime recorded) …
    const saga = await world.store.readStream(`saga-backupInstance-${backupId}`);
    const resumed = saga.find((e) => e.type === 'SagaStepCompleted' && (e.data as { step: string }).step === 'resumeInstance');
    expect((resumed?.data as { output: { downtimeMs: number } }).output.downtimeMs).toBeGreaterThan(0);
    // … yet several probe rounds later no health event exists, so no mail rule ever fired.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const instance = (await world.store.readStream(`instance-${instanceId}`)).map((e) => e.type);
    expect(instance.filter((type) => healthTypes.includes(type))).toEqual([]);
    expect(instance.slice(-2)).toEqual(['InstanceBackupHoldStarted', 'InstanceBackupHoldReleased']);
    expect(await world.adapter.inspect(instanceId)).toMatchObject({ running: true });
    // Free again once the backup is done.
    await world.command('RestartInstance', { instanceId }, tenantId);
  });
});
