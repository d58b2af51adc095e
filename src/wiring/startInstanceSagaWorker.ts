import type pg from 'pg';
import type { EventStore } from '../ports/eventStore';
import { createPostgresSecretStore } from '../adapters/secrets/createPostgresSecretStore';
import { migrateSecrets } from '../adapters/secrets/migrateSecrets';
import type { ProjectionDb } from '../projections/runtime/projection';
import type { ProjectionLogger } from '../projections/runtime/projectionLogger';
import { instanceSagas } from '../sagas/instances/instanceSagas';
import type { InstanceSagaDeps } from '../sagas/instances/instanceSagaDeps';
import { createSubdomainClaims, migrateSubdomainClaims } from '../sagas/instances/subdomainClaims';
import type { SagaRuntimeSettings } from '../sagas/runtime/runSaga';
import type { ProjectionRunner } from '../projections/runtime/startProjectionRunner';
import type { SagaProcessorOptions } from '../sagas/runtime/startSagaProcessor';
import { startSagaWorker, type SagaReconcileSettings, type SagaWorker } from './startSagaWorker';
import { instanceSagaTriggers } from '../domain/saga/instanceSagaTriggers';

export interface InstanceSagaWorkerOptions {
  pool: pg.Pool;
  lockPool?: pg.Pool;
  db: ProjectionDb;
  store: EventStore;
  readModelSchema: string;
  /** Schema of subdomain claims and secrets. */
  sagaSchema: string;
  secretsKey: Buffer;
  deps: Omit<InstanceSagaDeps, 'secrets' | 'claims' | 'store'>;
  runtime: SagaRuntimeSettings;
  concurrency: number;
  pollIntervalMs: number;
  reconcile?: SagaReconcileSettings;
  /** The `sagas` projection's runner when the platform already runs it (its moves wake the
   * processor); otherwise this worker starts one (leader-elected, so extra ones only wait). */
  sagasRunner?: ProjectionRunner;
  logger?: SagaProcessorOptions['logger'] & ProjectionLogger;
}

export type InstanceSagaWorker = SagaWorker;

/** Everything a worker needs to run the instance sagas: bookkeeping tables, the saga index, the
 * processor. Several workers may run it at once. */
export async function startInstanceSagaWorker(options: InstanceSagaWorkerOptions): Promise<InstanceSagaWorker> {
  await migrateSecrets(options.pool, options.sagaSchema);
  await migrateSubdomainClaims(options.pool, options.sagaSchema);
  const deps: InstanceSagaDeps = {
    ...options.deps,
    store: options.store,
    secrets: createPostgresSecretStore(options.pool, options.sagaSchema, options.secretsKey),
    claims: createSubdomainClaims(options.pool, options.sagaSchema),
  };
  return startSagaWorker({ ...options, definitions: instanceSagas(deps), triggers: instanceSagaTriggers, consumerGroup: 'sagas-instance' });
}
