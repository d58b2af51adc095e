import type { Config } from '../config';
import { registerPaymentsByStatus } from '../observability/billingMetrics';
import type { PaymentGateway } from '../ports/paymentGateway';
import { dunningProjection } from '../projections/billing/dunningProjection';
import { paymentsProjection } from '../projections/billing/paymentsProjection';
import { dunningCandidates } from '../projections/billing/queryDunning';
import { paymentsByStatus, unsettledPayments } from '../projections/billing/queryPayments';
import { subscriptionsDueForInvoice } from '../projections/billing/querySubscriptions';
import { subscriptionsProjection } from '../projections/billing/subscriptionsProjection';
import { servingTableNames } from '../projections/runtime/servingTableNames';
import { startDunningProcess } from '../processes/startDunningProcess';
import { startPaymentReconciliation } from '../processes/startPaymentReconciliation';
import type { PlatformCore } from './createPlatformCore';

/** A billing worker's loops (docs/decisions/052): the billing cycle and dunning (DUNNING_*,
 * BILLING_*), and the daily payment
 * reconciliation (PAYMENT_RECONCILE_INTERVAL_MS); and the payments-by-status metric. */
export function startBillingProcesses(core: Pick<PlatformCore, 'db' | 'handleCommand' | 'logger' | 'store'>, config: Config, gateway: PaymentGateway): { stop(): Promise<void> } {
  const payments = servingTableNames(paymentsProjection, config.READMODEL_SCHEMA);
  registerPaymentsByStatus(() => paymentsByStatus(core.db, payments));
  const reconciliation = startPaymentReconciliation({
    gateway, unsettled: () => unsettledPayments(core.db, payments),
    intervalMs: config.PAYMENT_RECONCILE_INTERVAL_MS, logger: core.logger.child({ component: 'payment-reconciliation' }),
  });
  const dunningTables = servingTableNames(dunningProjection, config.READMODEL_SCHEMA);
  const subscriptionTables = servingTableNames(subscriptionsProjection, config.READMODEL_SCHEMA);
  const dunning = config.DUNNING_ENABLED ? startDunningProcess({
    handleCommand: core.handleCommand, candidates: (dueBy) => dunningCandidates(core.db, dunningTables, dueBy),
    graceDays: config.DUNNING_GRACE_DAYS, cancelAfterDays: config.DUNNING_CANCEL_AFTER_DAYS, retentionDays: config.BILLING_RETENTION_DAYS,
    intervalMs: config.DUNNING_INTERVAL_MS, logger: core.logger.child({ component: 'dunning' }),
    cycle: {
      handleCommand: core.handleCommand, store: core.store, prices: config.PLAN_PRICES, taxBasisPoints: config.BILLING_TAX_BASIS_POINTS,
      paymentTermDays: config.BILLING_PAYMENT_TERM_DAYS, due: (day) => subscriptionsDueForInvoice(core.db, subscriptionTables, day),
    },
  }) : null;
  return {
    async stop() {
      await dunning?.stop();
      await reconciliation.stop();
    },
  };
}
