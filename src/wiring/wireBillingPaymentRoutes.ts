import { v7 } from 'uuid';
import { createPostgresSecretStore } from '../adapters/secrets/createPostgresSecretStore';
import { migrateSecrets } from '../adapters/secrets/migrateSecrets';
import { billingOperatorRoutes } from '../api/http/routes/billingOperatorRoutes';
import { billingPaymentRoutes } from '../api/http/routes/billingPaymentRoutes';
import { billingRoutes } from '../api/http/routes/billingRoutes';
import { dunningProjection } from '../projections/billing/dunningProjection';
import { invoicesProjection } from '../projections/billing/invoicesProjection';
import { paymentsProjection } from '../projections/billing/paymentsProjection';
import { failedPayments, pastDueSubscriptions, revenueByMonth } from '../projections/billing/queryBillingOverview';
import { getInvoice, listInvoices } from '../projections/billing/queryInvoices';
import { getSubscription } from '../projections/billing/querySubscriptions';
import { subscriptionsProjection } from '../projections/billing/subscriptionsProjection';
import { servingTableNames } from '../projections/runtime/servingTableNames';
import { loadInvoice } from '../commands/billingCommandHandlers';
import { loadPayment } from '../commands/paymentCommandHandlers';
import { paymentAuditCategory, type PaymentCallbackRejected } from '../domain/billing/payment/paymentAuditEvents';
import type { PaymentGateway } from '../ports/paymentGateway';
import type { Principal } from '../domain/authorization/principal';
import type { TenantPermission } from '../domain/authorization/tenantPermissions';
import { payerPhoneSecret } from '../sagas/billing/paymentSagaDeps';
import type { PlatformCore } from './createPlatformCore';

/** The billing routes wired to the core (the api role spreads them into its route table). */
export async function wireBillingPaymentRoutes(core: PlatformCore, gateway: PaymentGateway | null) {
  const { config, pool, db, store, handleCommand, authorizer } = core;
  const authorizeTenant = (principal: Principal, tenantId: string, permission: TenantPermission) => authorizer.authorize(principal, { kind: 'tenant', tenantId, permission });
  const invoiceTables = servingTableNames(invoicesProjection, config.READMODEL_SCHEMA);
  const subscriptionTables = servingTableNames(subscriptionsProjection, config.READMODEL_SCHEMA);
  await migrateSecrets(pool, config.SAGA_SCHEMA);
  const secrets = createPostgresSecretStore(pool, config.SAGA_SCHEMA, core.identityOptions.secretsKey);
  const reads = billingRoutes({
    enabled: gateway !== null, prices: config.PLAN_PRICES, authorizeTenant,
    invoices: { get: (invoiceId) => getInvoice(db, invoiceTables, invoiceId), list: (tenantId) => listInvoices(db, invoiceTables, tenantId) },
    subscriptions: { get: (instanceId) => getSubscription(db, subscriptionTables, instanceId) },
  });
  return [...reads, ...billingOperatorRoutes({
    handleCommand,
    overview: {
      revenue: () => revenueByMonth(db, invoiceTables),
      failedPayments: () => failedPayments(db, servingTableNames(paymentsProjection, config.READMODEL_SCHEMA)),
      pastDue: () => pastDueSubscriptions(db, servingTableNames(dunningProjection, config.READMODEL_SCHEMA)),
    },
  }), ...billingPaymentRoutes({
    handleCommand, gateway,
    loadInvoice: (invoiceId) => loadInvoice(store, invoiceId),
    loadPayment: (reference) => loadPayment(store, reference),
    authorizeTenant,
    rememberPayerPhone: (reference, phone) => secrets.replace(payerPhoneSecret(reference), phone),
    async recordRejectedCallback(ip, correlationId) {
      const occurredAt = new Date();
      const day = occurredAt.toISOString().slice(0, 10);
      const event: PaymentCallbackRejected = { type: 'PaymentCallbackRejected', data: { day, ip, reason: 'hash-mismatch' } };
      const commandId = v7();
      // A security fact guarding no invariant: appended with expectedVersion 'any' (like
      // src/commands/identity/recordAuditEvent.ts), so a flood of forgeries never conflicts.
      await store.appendToStream(`${paymentAuditCategory}-${day}`, [{
        ...event, metadata: { commandId, correlationId, causationId: commandId, actor: 'system:paynow-result', occurredAt: occurredAt.toISOString(), schemaVersion: 1 },
      }], { expectedVersion: 'any' });
    },
  })];
}
