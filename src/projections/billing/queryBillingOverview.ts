import { sql } from 'kysely';
import type { ProjectionDb, TableNames } from '../runtime/projection';

export interface MonthlyRevenue { month: string; currency: string; invoices: number; totalMinor: number }
export interface FailedPayment { reference: string; invoiceId: string; tenantId: string; status: string; requestedAt: string }
export interface PastDueSubscription { instanceId: string; tenantId: string; state: string; graceEndsOn: string | null; suspendedOn: string | null; unpaidInvoices: number }

/** Paid invoices by the month (UTC) they were paid in and their currency: money is never summed
 * across currencies. Credit notes are not revenue here. */
export async function revenueByMonth(db: ProjectionDb, tables: TableNames<'invoices'>): Promise<MonthlyRevenue[]> {
  const table = sql.id(tables.invoices.schema, tables.invoices.name);
  const { rows } = await sql<{ month: string; currency: string; invoices: number; total_minor: string }>`
    SELECT to_char(paid_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month, currency, count(*)::int AS invoices, sum(total_minor)::text AS total_minor
    FROM ${table} WHERE status = 'paid' AND kind = 'invoice' AND paid_at IS NOT NULL GROUP BY 1, 2 ORDER BY 1 DESC, 2`.execute(db);
  return rows.map((row) => ({ month: row.month, currency: row.currency, invoices: row.invoices, totalMinor: Number(row.total_minor) }));
}

/** Payment attempts that failed or timed out, newest first (the latter may still be reconciled). */
export async function failedPayments(db: ProjectionDb, tables: TableNames<'payments'>, limit = 200): Promise<FailedPayment[]> {
  const table = sql.id(tables.payments.schema, tables.payments.name);
  const { rows } = await sql<{ reference: string; invoice_id: string; tenant_id: string; status: string; requested_at: Date }>`
    SELECT reference, invoice_id, tenant_id, status, requested_at FROM ${table} WHERE status IN ('failed', 'timedOut')
    ORDER BY requested_at DESC LIMIT ${limit}`.execute(db);
  return rows.map((row) => ({ reference: row.reference, invoiceId: row.invoice_id, tenantId: row.tenant_id, status: row.status, requestedAt: row.requested_at.toISOString() }));
}

/** Subscriptions past due or suspended, soonest grace end first. */
export async function pastDueSubscriptions(db: ProjectionDb, tables: TableNames<'dunning_subscriptions' | 'dunning_invoices'>): Promise<PastDueSubscription[]> {
  const subscriptions = sql.id(tables.dunning_subscriptions.schema, tables.dunning_subscriptions.name);
  const invoices = sql.id(tables.dunning_invoices.schema, tables.dunning_invoices.name);
  const { rows } = await sql<{ instance_id: string; tenant_id: string; state: string; grace_ends_on: string | null; suspended_on: string | null; unpaid: number }>`
    SELECT s.instance_id, s.tenant_id, s.state, to_char(s.grace_ends_on, 'YYYY-MM-DD') AS grace_ends_on, to_char(s.suspended_on, 'YYYY-MM-DD') AS suspended_on,
      (SELECT count(*)::int FROM ${invoices} i WHERE i.instance_id = s.instance_id) AS unpaid
    FROM ${subscriptions} s WHERE s.state IN ('past_due', 'suspended') ORDER BY s.grace_ends_on NULLS LAST, s.instance_id`.execute(db);
  return rows.map((row) => ({
    instanceId: row.instance_id, tenantId: row.tenant_id, state: row.state, graceEndsOn: row.grace_ends_on, suspendedOn: row.suspended_on, unpaidInvoices: row.unpaid,
  }));
}
