import { sql } from 'kysely';
import type { PaymentEvent } from '../../domain/billing/payment/paymentEvents';
import { paymentCategory } from '../../domain/billing/payment/paymentStream';
import { isStreamOf } from '../../domain/shared/streamNames';
import type { Projection, ProjectionTransaction, TableNames } from '../runtime/projection';

/** The `payments` read model: every payment attempt's state and poll URL, for the reconciliation
 * job (those not final) and the payments-by-status metric. Poll URLs are Paynow's: never served. */
export const paymentsProjection: Projection<'payments'> = {
  name: 'payments',
  version: 1,
  streamCategories: [paymentCategory],
  tables: ['payments'],
  async migrate(trx: ProjectionTransaction, tables: TableNames<'payments'>) {
    const { schema, name } = tables.payments;
    await sql`CREATE TABLE ${sql.id(schema, name)} (
      reference uuid PRIMARY KEY,
      invoice_id uuid NOT NULL,
      tenant_id uuid NOT NULL,
      status text NOT NULL,
      poll_url text,
      requested_at timestamptz NOT NULL
    )`.execute(trx);
    await sql`CREATE INDEX ${sql.id(`${name}_status_idx`)} ON ${sql.id(schema, name)} (status)`.execute(trx);
  },
  async handle(events, trx, tables) {
    const table = sql.id(tables.payments.schema, tables.payments.name);
    for (const recorded of events) {
      if (!isStreamOf(paymentCategory, recorded.streamName)) continue;
      const event = recorded as unknown as PaymentEvent;
      const { reference } = event.data;
      const status = (value: string) => sql`UPDATE ${table} SET status = ${value} WHERE reference = ${reference}`.execute(trx);
      switch (event.type) {
        case 'PaymentRequested':
          await sql`INSERT INTO ${table} (reference, invoice_id, tenant_id, status, requested_at)
            VALUES (${reference}, ${event.data.invoiceId}, ${event.data.tenantId}, 'requested', ${event.data.requestedAt})
            ON CONFLICT (reference) DO NOTHING`.execute(trx);
          break;
        case 'PaymentInitiated':
          await sql`UPDATE ${table} SET status = 'initiated', poll_url = ${event.data.pollUrl} WHERE reference = ${reference}`.execute(trx);
          break;
        case 'PaymentConfirmed':
          await status('confirmed');
          break;
        case 'PaymentFailed':
          await status('failed');
          break;
        case 'PaymentTimedOut':
          await status('timedOut');
          break;
        default:
          break;
      }
    }
  },
};
