import { createPostgresUsageStore, migrateUsageStore } from '../../src/adapters/usage/createPostgresUsageStore';
import { parseInstancePlans } from '../../src/domain/instance/instancePlanCatalogue';
import type { ProjectionRunner } from '../../src/projections/runtime/startProjectionRunner';
import type { TableNames } from '../../src/projections/runtime/projection';
import { meteredInstances } from '../../src/projections/instances/meteredInstances';
import { startUsageMeter } from '../../src/processes/startUsageMeter';
import { removeTestDockerResources } from '../support/docker';
import { createSagaWorld, newSagaWorldNames, type SagaWorld } from '../sagas/support/sagaTestWorld';
import { startInstancesReadModel } from '../sagas/support/startInstancesReadModel';
import { execInContainer } from '../support/docker';

// Issue 12 §7: the plan's disk quota means something. The meter measures the real database (on the
// instances cluster) and the real data volume (the engine's own accounting) and records a level only
// when it changes: near quota at 80 %, over quota past 100 %, back to ok under 80 %.
describe('usage meter on real Docker and PostgreSQL', () => {
  let world: SagaWorld;
  let readModel: ProjectionRunner;
  let tables: TableNames<'instances'>;

  beforeAll(async () => {
    world = await createSagaWorld(newSagaWorldNames('usagemeter'));
    await removeTestDockerResources(world.docker, world.names.suite);
    await world.startWorker();
    const started = await startInstancesReadModel(world);
    readModel = started.runner;
    tables = started.tables;
    await migrateUsageStore(world.pool, world.names.sagaSchema);
  });
  afterAll(async () => {
    await readModel.stop();
    await world.close();
    await removeTestDockerResources(world.docker, world.names.suite);
  });

  const levelEvents = async (instanceId: string) => (await world.store.readStream(`instance-${instanceId}`))
    .filter((e) => e.type === 'InstanceUsageLevelChanged').map((e) => e.data as { level: string; usedBytes: number; quotaBytes: number });
  /** A meter whose starter plan allows `quotaBytes`, over the real read model. */
  const meterWith = (quotaBytes: number) => startUsageMeter({
    docker: world.adapter, postgresAdmin: world.postgresAdmin, handleCommand: world.handleCommand,
    usage: createPostgresUsageStore(world.pool, world.names.sagaSchema),
    listInstances: meteredInstances(world.db, tables),
    plans: parseInstancePlans(JSON.stringify({ starter: { diskQuotaGb: quotaBytes / 1e9 } })), intervalMs: 0,
  });
  /** Until the read model shows the instance running at the level the events say (the meter lists
   * running instances from it and compares against that level). */
  const readModelLevel = async (instanceId: string, level: string) => {
    for (const deadline = Date.now() + 10_000; ;) {
      const { rows } = await world.pool.query(`SELECT status, usage_level FROM "${tables.instances.schema}"."${tables.instances.name}" WHERE instance_id = $1`, [instanceId]);
      if (rows[0]?.status === 'running' && rows[0]?.usage_level === level) return;
      if (Date.now() > deadline) throw new Error(`read model never showed ${level}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  it('measures database + volume, records near and over quota once each, then ok again', async () => {
    const { instanceId } = await world.provision();
    expect((await world.waitForInstanceEvent(instanceId, ['InstanceProvisioned', 'InstanceProvisioningFailed'])).type).toBe('InstanceProvisioned');
    await readModelLevel(instanceId, 'ok');

    // A generous quota: measured, stored, nothing recorded.
    const generous = await meterWith(1e12);
    await generous.measureAll();
    await generous.stop();
    const measured = await createPostgresUsageStore(world.pool, world.names.sagaSchema).latest(instanceId);
    expect(measured!.databaseBytes).toBeGreaterThan(1_000_000); // Odoo's tables on the real cluster
    expect(await levelEvents(instanceId)).toEqual([]);
    const used = measured!.databaseBytes + measured!.volumeBytes;

    // The same use against a quota it fills to ~90 %: near quota, recorded once however often measured.
    const tight = await meterWith(Math.round(used / 0.9));
    await tight.measureAll();
    await readModelLevel(instanceId, 'nearQuota');
    await tight.measureAll();
    expect((await levelEvents(instanceId)).map((e) => e.level)).toEqual(['nearQuota']);

    // 4 MB more in the data volume: over quota.
    const written = await execInContainer(world.docker, `odoo-${instanceId}`, ['sh', '-c', 'dd if=/dev/urandom of=/var/lib/odoo/filestore/big.bin bs=1M count=4 2>/dev/null && sync']);
    expect(written.exitCode).toBe(0);
    await tight.measureAll();
    await readModelLevel(instanceId, 'overQuota');
    const over = (await levelEvents(instanceId))[1]!;
    expect(over).toMatchObject({ level: 'overQuota', quotaBytes: Math.round(used / 0.9) });
    expect(over.usedBytes).toBeGreaterThan(used + 4_000_000);

    // Deleted again, and a bigger plan: back to ok.
    await execInContainer(world.docker, `odoo-${instanceId}`, ['sh', '-c', 'rm /var/lib/odoo/filestore/big.bin']);
    await tight.stop();
    const bigger = await meterWith(used * 10);
    await bigger.measureAll();
    await readModelLevel(instanceId, 'ok');
    await bigger.stop();
    expect((await levelEvents(instanceId)).map((e) => e.level)).toEqual(['nearQuota', 'overQuota', 'ok']);
  });
});
