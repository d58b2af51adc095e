import { sql } from 'kysely';
import type { InvoiceEvent } from '../../domain/billing/invoice/invoiceEvents';
import { invoiceCategory } from '../../domain/billing/invoice/invoiceStream';
import { isStreamOf } from '../../domain/shared/streamNames';
import type { Projection, ProjectionTransaction, TableNames } from '../runtime/projection';

/** The `invoices` read model: a tenant's invoices and credit notes for the billing routes. Money
 * facts themselves (paid once, numbers) are the invoice aggregate's (docs/decisions/048); this is
 * the lagging copy lists read. */
export const invoicesProjection: Projection<'invoices'> = {
  name: 'invoices',
  version: 1,
  streamCategories: [invoiceCategory],
  tables: ['invoices'],
  async migrate(trx: ProjectionTransaction, tables: TableNames<'invoices'>) {
    const { schema, name } = tables.invoices;
    await sql`CREATE TABLE ${sql.id(schema, name)} (
      invoice_id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL,
      instance_id uuid NOT NULL,
      kind text NOT NULL,
      number integer,
      status text NOT NULL,
      currency text NOT NULL,
      lines jsonb NOT NULL,
      subtotal_minor bigint NOT NULL,
      tax jsonb NOT NULL,
      total_minor bigint NOT NULL,
      due_on date NOT NULL,
      issued_on date,
      paid_at timestamptz,
      payment_reference text,
      created_at timestamptz NOT NULL
    )`.execute(trx);
    await sql`CREATE INDEX ${sql.id(`${name}_tenant_idx`)} ON ${sql.id(schema, name)} (tenant_id, created_at DESC)`.execute(trx);
  },
  async handle(events, trx, tables) {
    const table = sql.id(tables.invoices.schema, tables.invoices.name);
    // Invoices are few and their events rarer still: one statement per event, in $all order.
    for (const recorded of events) {
      if (!isStreamOf(invoiceCategory, recorded.streamName)) continue;
      const event = recorded as unknown as InvoiceEvent;
      switch (event.type) {
        case 'InvoiceDrafted': {
          const d = event.data;
          await sql`INSERT INTO ${table} (invoice_id, tenant_id, instance_id, kind, status, currency, lines, subtotal_minor, tax, total_minor, due_on, created_at)
            VALUES (${d.invoiceId}, ${d.tenantId}, ${d.instanceId}, ${d.kind}, 'draft', ${d.currency}, ${JSON.stringify(d.lines)}::jsonb, ${d.subtotalMinor},
              ${JSON.stringify(d.tax)}::jsonb, ${d.totalMinor}, ${d.dueOn}, ${recorded.createdAt})
            ON CONFLICT (invoice_id) DO NOTHING`.execute(trx);
          break;
        }
        case 'InvoiceIssued':
          await sql`UPDATE ${table} SET status = 'issued', number = ${event.data.number}, issued_on = ${event.data.issuedOn} WHERE invoice_id = ${event.data.invoiceId}`.execute(trx);
          break;
        case 'InvoicePaid':
          await sql`UPDATE ${table} SET status = 'paid', paid_at = ${event.data.receivedAt}, payment_reference = ${event.data.reference} WHERE invoice_id = ${event.data.invoiceId}`.execute(trx);
          break;
        case 'InvoiceWaived':
          await sql`UPDATE ${table} SET status = 'waived' WHERE invoice_id = ${event.data.invoiceId}`.execute(trx);
          break;
        case 'InvoiceVoided':
          await sql`UPDATE ${table} SET status = 'void' WHERE invoice_id = ${event.data.invoiceId}`.execute(trx);
          break;
        default:
          // Held for review (mismatch, unexpected money): the operators' list, not the tenant's.
          break;
      }
    }
  },
};
