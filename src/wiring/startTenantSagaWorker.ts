import type { HandleCommand } from '../commands/handleCommand';
import { instancesProjection } from '../projections/instances/instancesProjection';
import { listInstances } from '../projections/instances/queryInstances';
import { createPositionWaiter } from '../projections/runtime/createPositionWaiter';
import { servingTableNames } from '../projections/runtime/servingTableNames';
import { tenantSagas } from '../sagas/tenants/tenantSagas';
import { startSagaWorker, type SagaKindWorkerOptions, type SagaWorker } from './startSagaWorker';
import { tenantSagaTriggers } from '../domain/saga/tenantSagaTriggers';

export interface TenantSagaWorkerOptions extends SagaKindWorkerOptions {
  handleCommand: HandleCommand;
}

// A step waits this long for the instances read model to see the deletion, then retries.
const readModelWaitMs = 20_000;

/** Runs the tenant sagas. They only send commands (the instance sagas do the work), so they need
 * neither the Docker engine nor the instances cluster: every worker runs them. */
export async function startTenantSagaWorker(options: TenantSagaWorkerOptions): Promise<SagaWorker> {
  const waiter = createPositionWaiter({ db: options.db, schema: options.readModelSchema, pollIntervalMs: 50 });
  const tables = servingTableNames(instancesProjection, options.readModelSchema);
  const worker = await startSagaWorker({
    ...options,
    triggers: tenantSagaTriggers, consumerGroup: 'sagas-tenant',
    definitions: tenantSagas({
      handleCommand: options.handleCommand,
      store: options.store,
      async instancesOfTenant(tenantId, seen) {
        if (!(await waiter.waitForPosition(instancesProjection.name, seen, readModelWaitMs))) throw new Error('the instances read model is behind the deletion');
        return (await listInstances(options.db, tables, tenantId)).map((instance) => instance.instanceId);
      },
    }),
  });
  return {
    ...worker,
    async stop() {
      await worker.stop();
      waiter.close();
    },
  };
}
