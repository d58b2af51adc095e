import { sql } from 'kysely';
import type { ProjectionDb, TableNames } from '../runtime/projection';

export interface DunningInvoice {
  invoiceId: string;
  dueOn: string;
  /** Marked past due on the subscription already. */
  overdue: boolean;
  /** Reminders already given (beforeDue, due, overdue). */
  reminders: string[];
}

export interface DunningCandidate {
  instanceId: string;
  tenantId: string;
  state: string;
  graceEndsOn: string | null;
  suspendedOn: string | null;
  cancelledAt: Date | null;
  instanceDeletionRequested: boolean;
  /** Unpaid invoices due on or before the day asked about. */
  invoices: DunningInvoice[];
}

interface CandidateRow {
  instance_id: string; tenant_id: string; state: string; grace_ends_on: string | null; suspended_on: string | null; cancelled_at: Date | null; instance_deletion_requested: boolean;
}
interface InvoiceRow { invoice_id: string; instance_id: string; due_on: string; overdue: boolean; reminders: string[] }

/** Subscriptions dunning may have something to do for: an unpaid invoice due by `dueBy`, an open
 * grace period or suspension, or a cancellation whose instance is not being deleted yet. */
export async function dunningCandidates(db: ProjectionDb, tables: TableNames<'dunning_subscriptions' | 'dunning_invoices'>, dueBy: string): Promise<DunningCandidate[]> {
  const subscriptions = sql.id(tables.dunning_subscriptions.schema, tables.dunning_subscriptions.name);
  const invoices = sql.id(tables.dunning_invoices.schema, tables.dunning_invoices.name);
  const { rows: invoiceRows } = await sql<InvoiceRow>`SELECT invoice_id, instance_id, to_char(due_on, 'YYYY-MM-DD') AS due_on, overdue, reminders
    FROM ${invoices} WHERE due_on <= ${dueBy}::date ORDER BY due_on, invoice_id`.execute(db);
  const { rows } = await sql<CandidateRow>`SELECT instance_id, tenant_id, state, to_char(grace_ends_on, 'YYYY-MM-DD') AS grace_ends_on,
      to_char(suspended_on, 'YYYY-MM-DD') AS suspended_on, cancelled_at, instance_deletion_requested
    FROM ${subscriptions} s
    WHERE state IN ('past_due', 'suspended') OR (state = 'cancelled' AND NOT instance_deletion_requested)
      OR EXISTS (SELECT 1 FROM ${invoices} i WHERE i.instance_id = s.instance_id AND i.due_on <= ${dueBy}::date)
    ORDER BY instance_id`.execute(db);
  return rows.map((row) => ({
    instanceId: row.instance_id, tenantId: row.tenant_id, state: row.state, graceEndsOn: row.grace_ends_on, suspendedOn: row.suspended_on,
    cancelledAt: row.cancelled_at, instanceDeletionRequested: row.instance_deletion_requested,
    invoices: invoiceRows.filter((invoice) => invoice.instance_id === row.instance_id)
      .map((invoice) => ({ invoiceId: invoice.invoice_id, dueOn: invoice.due_on, overdue: invoice.overdue, reminders: invoice.reminders })),
  }));
}
