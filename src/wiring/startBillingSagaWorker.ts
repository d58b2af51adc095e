import { createPostgresSecretStore } from '../adapters/secrets/createPostgresSecretStore';
import { migrateSecrets } from '../adapters/secrets/migrateSecrets';
import type { HandleCommand } from '../commands/handleCommand';
import { billingSagaTriggers } from '../domain/saga/billingSagaTriggers';
import type { InstanceRouter } from '../ports/instanceRouter';
import type { PaymentGateway } from '../ports/paymentGateway';
import { billingSagas } from '../sagas/billing/billingSagas';
import type { DunningSagaDeps } from '../sagas/billing/dunningSagaDeps';
import type { PaymentSagaDeps } from '../sagas/billing/paymentSagaDeps';
import { startSagaWorker, type SagaKindWorkerOptions, type SagaWorker } from './startSagaWorker';

export interface BillingSagaWorkerOptions extends SagaKindWorkerOptions {
  handleCommand: HandleCommand;
  gateway: PaymentGateway;
  secretsKey: Buffer;
  /** Poll back-off and timeout of a payment (PAYMENT_* in src/config.ts). */
  payments: Pick<PaymentSagaDeps, 'pollFirstMs' | 'pollMaxMs' | 'timeoutMs'>;
  /** For the suspended page (docs/decisions/052); null without Docker or with Traefik. */
  router: InstanceRouter | null;
  baseDomain: string;
  subscriptions: DunningSagaDeps['subscriptions'];
  billing: DunningSagaDeps['billing'];
}

/** Runs the billing sagas when billing is configured (a Paynow gateway exists): payments, and the
 * instance following its subscription through the instance commands (no Docker of its own). */
export async function startBillingSagaWorker(options: BillingSagaWorkerOptions): Promise<SagaWorker> {
  await migrateSecrets(options.pool, options.sagaSchema);
  const deps: PaymentSagaDeps & DunningSagaDeps = {
    ...options.payments,
    handleCommand: options.handleCommand, store: options.store, gateway: options.gateway, router: options.router, baseDomain: options.baseDomain, subscriptions: options.subscriptions, billing: options.billing,
    secrets: createPostgresSecretStore(options.pool, options.sagaSchema, options.secretsKey),
  };
  return startSagaWorker({ ...options, definitions: billingSagas(deps), triggers: billingSagaTriggers, consumerGroup: 'sagas-billing' });
}
