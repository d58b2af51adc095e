import { migrateBus } from '../adapters/bus/migrateBus';
import { readRelayStatus } from '../adapters/bus/readRelayStatus';
import { createPostgresSagaSchedule, migrateSagaSchedule } from '../adapters/sagas/createPostgresSagaSchedule';
import { adminDeadLetterRoutes } from '../api/http/routes/adminDeadLetterRoutes';
import { adminRoutes } from '../api/http/routes/adminRoutes';
import { adminUserRoutes } from '../api/http/routes/adminUserRoutes';
import { recordOperatorAction } from '../commands/admin/recordOperatorAction';
import { deadLetterQueuesFromConfig } from './deadLetterQueuesFromConfig';
import { instancesProjection } from '../projections/instances/instancesProjection';
import { listAllInstances } from '../projections/instances/listAllInstances';
import { allProjections } from '../projections/allProjections';
import { eventCounterOf } from '../projections/runtime/eventCounterOf';
import { rebuildProjection } from '../projections/runtime/rebuildProjection';
import { projectionStatus } from '../projections/runtime/projectionStatus';
import { servingTableNames } from '../projections/runtime/servingTableNames';
import { querySagas } from '../projections/sagas/querySagas';
import { requestSagaAction } from '../sagas/runtime/requestSagaAction';
import type { PlatformCore } from './createPlatformCore';

/** The admin API's routes over the read models, the saga schedule (the CLI's use cases), the relay's
 * checkpoint and the broker's dead-letter queues. */
export async function wireAdminRoutes(core: PlatformCore) {
  const { config, pool, db, store } = core;
  const schema = config.READMODEL_SCHEMA;
  await migrateSagaSchedule(pool, config.SAGA_SCHEMA);
  await migrateBus(pool, config.BUS_SCHEMA);
  const schedule = createPostgresSagaSchedule(pool, config.SAGA_SCHEMA);
  const countEvents = eventCounterOf(store, 1_000_000);
  const rebuilding = new Set<string>();
  return [...adminRoutes({
    instances: { listAll: (options) => listAllInstances(db, servingTableNames(instancesProjection, schema), options) },
    sagas: {
      list: (options) => querySagas(db, schema, options),
      request: (id, action, by) => requestSagaAction({ db, readModelSchema: schema, store, schedule }, id, action, by),
    },
    projections: {
      status: () => projectionStatus(db, { schema, countEvents }),
      rebuild: async (name) => {
        const projection = allProjections.find((candidate) => candidate.name === name);
        if (!projection) return 'unknown';
        const status = (await projectionStatus(db, { schema })).find((candidate) => candidate.name === name);
        if (rebuilding.has(name) || status?.rebuilding) return 'running';
        rebuilding.add(name);
        // In the background: the answer is 202, and the status route shows the progress.
        void rebuildProjection({ db, pool, store, projection, schema, countEvents: eventCounterOf(store) })
          .then((result) => core.logger.info({ projection: name, events: result.eventsProcessed, elapsedMs: result.elapsedMs }, 'projection rebuilt'))
          .catch((error: unknown) => core.logger.error({ err: error, projection: name }, 'projection rebuild failed'))
          .finally(() => rebuilding.delete(name));
        return 'started';
      },
    },
    recordAction: (request) => recordOperatorAction(store, request),
    relay: { status: () => readRelayStatus(pool, store, { busSchema: config.BUS_SCHEMA }) },
  }), ...adminDeadLetterRoutes({
    // A connection per call: operators' calls are rare, and the API serves while the broker is down.
    withQueues: config.BUS_ENABLED
      ? async (run) => {
        const queues = await deadLetterQueuesFromConfig(config);
        try {
          return await run(queues);
        } finally {
          await queues.close();
        }
      }
      : null,
    recordAction: (request) => recordOperatorAction(store, request),
  }), ...adminUserRoutes({ handleCommand: core.handleCommand })];
}
