import { ensureProjection } from '../../../src/projections/runtime/ensureProjection';
import { servingTableNames } from '../../../src/projections/runtime/servingTableNames';
import { startProjectionRunner, type ProjectionRunner } from '../../../src/projections/runtime/startProjectionRunner';
import { instancesProjection } from '../../../src/projections/instances/instancesProjection';
import type { TableNames } from '../../../src/projections/runtime/projection';
import type { SagaWorld } from './sagaTestWorld';

/** The `instances` read model of a saga world, kept up to date as the worker role does. */
export async function startInstancesReadModel(world: SagaWorld): Promise<{ runner: ProjectionRunner; tables: TableNames<'instances'> }> {
  await ensureProjection(world.db, instancesProjection, world.names.readModelSchema);
  const runner = startProjectionRunner({
    db: world.db, pool: world.pool, store: world.store, projection: instancesProjection,
    schema: world.names.readModelSchema, idlePollMs: 100, leadershipRetryMs: 500,
  });
  return { runner, tables: servingTableNames(instancesProjection, world.names.readModelSchema) };
}
