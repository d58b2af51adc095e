import { sql } from 'kysely';
import type { ProjectionDb, TableNames } from '../runtime/projection';

export interface InvoiceView {
  invoiceId: string;
  tenantId: string;
  instanceId: string;
  kind: string;
  number: number | null;
  status: string;
  currency: string;
  lines: Array<{ description: string; quantity: number; unitAmountMinor: number; amountMinor: number }>;
  subtotalMinor: number;
  tax: { name: string; rateBasisPoints: number; amountMinor: number };
  totalMinor: number;
  dueOn: string;
  issuedOn: string | null;
  paidAt: string | null;
  paymentReference: string | null;
}

interface InvoiceRow {
  invoice_id: string; tenant_id: string; instance_id: string; kind: string; number: number | null; status: string; currency: string;
  lines: InvoiceView['lines']; subtotal_minor: string; tax: InvoiceView['tax']; total_minor: string; due_on: string; issued_on: string | null;
  paid_at: Date | null; payment_reference: string | null;
}

const columns = sql`invoice_id, tenant_id, instance_id, kind, number, status, currency, lines, subtotal_minor, tax, total_minor,
  to_char(due_on, 'YYYY-MM-DD') AS due_on, to_char(issued_on, 'YYYY-MM-DD') AS issued_on, paid_at, payment_reference`;

function view(row: InvoiceRow): InvoiceView {
  return {
    invoiceId: row.invoice_id, tenantId: row.tenant_id, instanceId: row.instance_id, kind: row.kind, number: row.number, status: row.status,
    currency: row.currency, lines: row.lines, subtotalMinor: Number(row.subtotal_minor), tax: row.tax, totalMinor: Number(row.total_minor),
    dueOn: row.due_on, issuedOn: row.issued_on, paidAt: row.paid_at?.toISOString() ?? null, paymentReference: row.payment_reference,
  };
}

/** A tenant's issued documents, newest first (drafts are the billing process's, not shown). */
export async function listInvoices(db: ProjectionDb, tables: TableNames<'invoices'>, tenantId: string): Promise<InvoiceView[]> {
  const table = sql.id(tables.invoices.schema, tables.invoices.name);
  const { rows } = await sql<InvoiceRow>`SELECT ${columns} FROM ${table} WHERE tenant_id = ${tenantId} AND status <> 'draft' ORDER BY created_at DESC LIMIT 500`.execute(db);
  return rows.map(view);
}

export async function getInvoice(db: ProjectionDb, tables: TableNames<'invoices'>, invoiceId: string): Promise<InvoiceView | null> {
  const table = sql.id(tables.invoices.schema, tables.invoices.name);
  const { rows } = await sql<InvoiceRow>`SELECT ${columns} FROM ${table} WHERE invoice_id = ${invoiceId}`.execute(db);
  return rows[0] ? view(rows[0]) : null;
}
