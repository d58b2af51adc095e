import type pg from 'pg';
import { createPostgresSecretStore } from '../adapters/secrets/createPostgresSecretStore';
import { migrateSecrets } from '../adapters/secrets/migrateSecrets';
import type { EventStore } from '../ports/eventStore';
import type { HandleCommand } from '../commands/handleCommand';
import { billingSagaTriggers } from '../domain/saga/billingSagaTriggers';
import type { PaymentGateway } from '../ports/paymentGateway';
import type { ProjectionDb } from '../projections/runtime/projection';
import type { ProjectionRunner } from '../projections/runtime/startProjectionRunner';
import { billingSagas } from '../sagas/billing/billingSagas';
import type { PaymentSagaDeps } from '../sagas/billing/paymentSagaDeps';
import type { SagaRuntimeSettings } from '../sagas/runtime/runSaga';
import type { SagaProcessorOptions } from '../sagas/runtime/startSagaProcessor';
import { startSagaWorker, type SagaReconcileSettings, type SagaWorker } from './startSagaWorker';

export interface BillingSagaWorkerOptions {
  pool: pg.Pool;
  lockPool?: pg.Pool;
  db: ProjectionDb;
  store: EventStore;
  handleCommand: HandleCommand;
  gateway: PaymentGateway;
  readModelSchema: string;
  /** Schema of the saga schedule and the secrets (where the payer's phone waits). */
  sagaSchema: string;
  secretsKey: Buffer;
  runtime: SagaRuntimeSettings;
  concurrency: number;
  pollIntervalMs: number;
  /** Poll back-off and timeout of a payment (PAYMENT_* in src/config.ts). */
  payments: Pick<PaymentSagaDeps, 'pollFirstMs' | 'pollMaxMs' | 'timeoutMs'>;
  sagasRunner?: ProjectionRunner;
  reconcile?: SagaReconcileSettings;
  logger?: SagaProcessorOptions['logger'];
}

/** Runs the payment saga when billing is configured (a Paynow gateway exists). It needs neither
 * Docker nor the instances cluster. */
export async function startBillingSagaWorker(options: BillingSagaWorkerOptions): Promise<SagaWorker> {
  await migrateSecrets(options.pool, options.sagaSchema);
  const deps: PaymentSagaDeps = {
    ...options.payments,
    handleCommand: options.handleCommand, store: options.store, gateway: options.gateway,
    secrets: createPostgresSecretStore(options.pool, options.sagaSchema, options.secretsKey),
  };
  return startSagaWorker({ ...options, definitions: billingSagas(deps), triggers: billingSagaTriggers, consumerGroup: 'sagas-billing' });
}
