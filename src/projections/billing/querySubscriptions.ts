import { sql } from 'kysely';
import type { ProjectionDb, TableNames } from '../runtime/projection';

export interface SubscriptionView {
  instanceId: string;
  tenantId: string;
  state: string;
  plan: string;
  currency: string;
  interval: string;
  trialEndsOn: string;
  currentPeriod: { start: string; end: string } | null;
  nextInvoiceOn: string;
  graceEndsOn: string | null;
}

interface SubscriptionRow {
  instance_id: string; tenant_id: string; state: string; plan: string; currency: string; billing_interval: string; trial_ends_on: string;
  period_start: string | null; period_end: string | null; next_invoice_on: string; grace_ends_on: string | null;
}

export async function getSubscription(db: ProjectionDb, tables: TableNames<'subscriptions'>, instanceId: string): Promise<SubscriptionView | null> {
  const table = sql.id(tables.subscriptions.schema, tables.subscriptions.name);
  const day = (column: string) => sql`to_char(${sql.ref(column)}, 'YYYY-MM-DD') AS ${sql.ref(column)}`;
  const { rows } = await sql<SubscriptionRow>`SELECT instance_id, tenant_id, state, plan, currency, billing_interval, ${day('trial_ends_on')},
    ${day('period_start')}, ${day('period_end')}, ${day('next_invoice_on')}, ${day('grace_ends_on')} FROM ${table} WHERE instance_id = ${instanceId}`.execute(db);
  const row = rows[0];
  if (!row) return null;
  return {
    instanceId: row.instance_id, tenantId: row.tenant_id, state: row.state, plan: row.plan, currency: row.currency, interval: row.billing_interval,
    trialEndsOn: row.trial_ends_on, currentPeriod: row.period_start && row.period_end ? { start: row.period_start, end: row.period_end } : null,
    nextInvoiceOn: row.next_invoice_on, graceEndsOn: row.grace_ends_on,
  };
}

export interface SubscriptionDue {
  instanceId: string;
  tenantId: string;
  plan: string;
  currency: string;
  interval: string;
  trialEndsOn: string;
  nextInvoiceOn: string;
}

/** Subscriptions whose next period starts on or before `day` and that are still billed (not
 * suspended or cancelled): the billing cycle invoices them. */
export async function subscriptionsDueForInvoice(db: ProjectionDb, tables: TableNames<'subscriptions'>, day: string): Promise<SubscriptionDue[]> {
  const table = sql.id(tables.subscriptions.schema, tables.subscriptions.name);
  const { rows } = await sql<{ instance_id: string; tenant_id: string; plan: string; currency: string; billing_interval: string; trial_ends_on: string; next_invoice_on: string }>`
    SELECT instance_id, tenant_id, plan, currency, billing_interval, to_char(trial_ends_on, 'YYYY-MM-DD') AS trial_ends_on, to_char(next_invoice_on, 'YYYY-MM-DD') AS next_invoice_on
    FROM ${table} WHERE state IN ('trialing', 'active', 'past_due') AND next_invoice_on <= ${day}::date ORDER BY next_invoice_on, instance_id`.execute(db);
  return rows.map((row) => ({
    instanceId: row.instance_id, tenantId: row.tenant_id, plan: row.plan, currency: row.currency, interval: row.billing_interval,
    trialEndsOn: row.trial_ends_on, nextInvoiceOn: row.next_invoice_on,
  }));
}
