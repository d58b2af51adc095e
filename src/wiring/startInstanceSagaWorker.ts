import { createPostgresSecretStore } from '../adapters/secrets/createPostgresSecretStore';
import { migrateSecrets } from '../adapters/secrets/migrateSecrets';
import { instanceSagas } from '../sagas/instances/instanceSagas';
import type { InstanceSagaDeps } from '../sagas/instances/instanceSagaDeps';
import { createPostgresSubdomainClaims, migrateSubdomainClaims } from '../adapters/sagas/createPostgresSubdomainClaims';
import { startSagaWorker, type SagaKindWorkerOptions, type SagaWorker } from './startSagaWorker';
import { instanceSagaTriggers } from '../domain/saga/instanceSagaTriggers';

export interface InstanceSagaWorkerOptions extends SagaKindWorkerOptions {
  secretsKey: Buffer;
  deps: Omit<InstanceSagaDeps, 'secrets' | 'claims' | 'store'>;
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
    claims: createPostgresSubdomainClaims(options.pool, options.sagaSchema),
  };
  return startSagaWorker({ ...options, definitions: instanceSagas(deps), triggers: instanceSagaTriggers, consumerGroup: 'sagas-instance' });
}
