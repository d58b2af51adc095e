import { sql } from 'kysely';
import type { ProjectionDb, TableNames } from '../runtime/projection';

export interface UnsettledPayment {
  reference: string;
  invoiceId: string;
  tenantId: string;
  status: 'initiated' | 'timedOut';
  pollUrl: string;
}

/** Payments Paynow has and we have no final word on: initiated and still polled, or timed out
 * (docs/decisions/051: their poll URL is kept so money that arrived late is found). */
export async function unsettledPayments(db: ProjectionDb, tables: TableNames<'payments'>): Promise<UnsettledPayment[]> {
  const table = sql.id(tables.payments.schema, tables.payments.name);
  const { rows } = await sql<{ reference: string; invoice_id: string; tenant_id: string; status: 'initiated' | 'timedOut'; poll_url: string }>`
    SELECT reference, invoice_id, tenant_id, status, poll_url FROM ${table}
    WHERE status IN ('initiated', 'timedOut') AND poll_url IS NOT NULL ORDER BY requested_at`.execute(db);
  return rows.map((row) => ({ reference: row.reference, invoiceId: row.invoice_id, tenantId: row.tenant_id, status: row.status, pollUrl: row.poll_url }));
}

/** Payment attempts per status (the payments-by-status metric). */
export async function paymentsByStatus(db: ProjectionDb, tables: TableNames<'payments'>): Promise<Record<string, number>> {
  const table = sql.id(tables.payments.schema, tables.payments.name);
  const { rows } = await sql<{ status: string; count: number }>`SELECT status, count(*)::int AS count FROM ${table} GROUP BY status`.execute(db);
  return Object.fromEntries(rows.map((row) => [row.status, row.count]));
}
