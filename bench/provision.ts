// `npm run bench -- provision`: 20 provisions (4 at a time) to running through the command pipeline
// and the saga worker, against the same raw steps done directly (role + database, volume, container
// create + start, health wait) with the same concurrency, on the real engine with the stand-in image.
// Everything it creates carries the test labels of this process and is removed at the end.
import { randomBytes } from 'node:crypto';
import { instanceDatabaseName } from '../src/sagas/instances/instanceDatabaseName';
import { removeTestDockerResources, testInstanceSpec } from '../tests/support/docker';
import { createSagaWorld, newSagaWorldNames } from '../tests/sagas/support/sagaTestWorld';
import { percentile } from './support/percentile';
import { runConcurrently } from './support/runConcurrently';

const total = Number(process.env.BENCH_PROVISIONS ?? 20);
const concurrency = 4;
const starterLimits = { memoryBytes: 96 * 1024 * 1024, nanoCpus: 500_000_000 };

export async function run(): Promise<void> {
  const world = await createSagaWorld(newSagaWorldNames('benchprovision'));
  const databases: string[] = [];
  try {
    await removeTestDockerResources(world.docker, world.names.suite);
    await world.adapter.ensureNetwork();

    const raw: number[] = [];
    await runConcurrently(total, concurrency, async () => {
      const spec = testInstanceSpec({ limits: starterLimits });
      const name = instanceDatabaseName(spec.instanceId);
      databases.push(name);
      const started = process.hrtime.bigint();
      await world.postgresAdmin.ensureRole(name, randomBytes(18).toString('base64url'));
      await world.postgresAdmin.ensureDatabase(name, name);
      await world.adapter.ensureVolume(spec.instanceId, spec.tenantId);
      await world.adapter.ensureContainer({ ...spec, dbUser: name });
      await world.adapter.start(spec.instanceId);
      await world.adapter.waitForHealthy(spec.instanceId);
      raw.push(Number(process.hrtime.bigint() - started) / 1e9);
    });
    console.log(`raw: p50 ${percentile(raw, 50).toFixed(2)} s, p99 ${percentile(raw, 99).toFixed(2)} s`);

    await world.startWorker();
    const ours: number[] = [];
    await runConcurrently(total, concurrency, async () => {
      const started = process.hrtime.bigint();
      const { instanceId } = await world.provision();
      databases.push(instanceDatabaseName(instanceId));
      const outcome = await world.waitForInstanceEvent(instanceId, ['InstanceProvisioned', 'InstanceProvisioningFailed'], 120_000);
      if (outcome.type !== 'InstanceProvisioned') throw new Error(`provisioning failed: ${JSON.stringify(outcome.data)}`);
      ours.push(Number(process.hrtime.bigint() - started) / 1e9);
    });
    const p50 = percentile(ours, 50);
    console.log(`ours (pipeline + saga worker): p50 ${p50.toFixed(2)} s, p99 ${percentile(ours, 99).toFixed(2)} s`);
    const ratio = p50 / percentile(raw, 50);
    console.log(`RESULT provision overhead_ratio=${ratio.toFixed(2)} p50_s=${p50.toFixed(2)} p99_s=${percentile(ours, 99).toFixed(2)} raw_p50_s=${percentile(raw, 50).toFixed(2)}`);
  } finally {
    await world.close().catch((error: unknown) => console.error('close failed', error));
    await removeTestDockerResources(world.docker, world.names.suite);
    for (const name of databases) {
      await world.postgresAdmin.dropDatabase(name).catch(() => undefined);
      await world.postgresAdmin.dropRole(name).catch(() => undefined);
    }
    await world.postgresAdmin.close().catch(() => undefined);
  }
}
