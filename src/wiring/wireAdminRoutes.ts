import { migrateBus } from '../adapters/bus/migrateBus';
import { readRelayStatus } from '../adapters/bus/readRelayStatus';
import { createPostgresSagaSchedule, migrateSagaSchedule } from '../adapters/sagas/createPostgresSagaSchedule';
import { adminRoutes } from '../api/http/routes/adminRoutes';
import { instancesProjection } from '../projections/instances/instancesProjection';
import { listAllInstances } from '../projections/instances/listAllInstances';
import { eventCounterOf } from '../projections/runtime/eventCounterOf';
import { projectionStatus } from '../projections/runtime/projectionStatus';
import { servingTableNames } from '../projections/runtime/servingTableNames';
import { querySagas } from '../projections/sagas/querySagas';
import { requestSagaAction } from '../sagas/runtime/requestSagaAction';
import type { PlatformCore } from './createPlatformCore';

/** The admin API's routes over the read models, the saga schedule (the CLI's use cases) and the relay's checkpoint. */
export async function wireAdminRoutes(core: PlatformCore) {
  const { config, pool, db, store } = core;
  const schema = config.READMODEL_SCHEMA;
  await migrateSagaSchedule(pool, config.SAGA_SCHEMA);
  await migrateBus(pool, config.BUS_SCHEMA);
  const schedule = createPostgresSagaSchedule(pool, config.SAGA_SCHEMA);
  const countEvents = eventCounterOf(store, 1_000_000);
  return adminRoutes({
    instances: { listAll: (options) => listAllInstances(db, servingTableNames(instancesProjection, schema), options) },
    sagas: {
      list: (options) => querySagas(db, schema, options),
      request: (id, action, by) => requestSagaAction({ db, readModelSchema: schema, store, schedule }, id, action, by),
    },
    projections: { status: () => projectionStatus(db, { schema, countEvents }) },
    relay: { status: () => readRelayStatus(pool, store, { busSchema: config.BUS_SCHEMA }) },
  });
}
