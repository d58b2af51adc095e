import { sql } from 'kysely';
import type { SubscriptionEvent } from '../../domain/billing/subscription/subscriptionEvents';
import { subscriptionCategory } from '../../domain/billing/subscription/subscriptionStream';
import { instanceCategory } from '../../domain/instance/instanceStream';
import { isStreamOf } from '../../domain/shared/streamNames';
import type { Projection, ProjectionTransaction, TableNames } from '../runtime/projection';

type DunningTable = 'dunning_subscriptions' | 'dunning_invoices';

/**
 * The dunning process's work list (docs/decisions/052): per subscription the days its timers count
 * from (grace end, suspension day, cancellation time), and per unpaid invoice its due day and the
 * reminders already given. It only nominates: every command the process sends is decided again
 * on the subscription's own stream, so a lagging row costs a no-op, never a wrong transition.
 */
export const dunningProjection: Projection<DunningTable> = {
  name: 'dunning',
  version: 1,
  streamCategories: [subscriptionCategory, instanceCategory],
  tables: ['dunning_subscriptions', 'dunning_invoices'],
  async migrate(trx: ProjectionTransaction, tables: TableNames<DunningTable>) {
    const subscriptions = sql.id(tables.dunning_subscriptions.schema, tables.dunning_subscriptions.name);
    const invoices = sql.id(tables.dunning_invoices.schema, tables.dunning_invoices.name);
    await sql`CREATE TABLE ${subscriptions} (
      instance_id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL,
      state text NOT NULL,
      grace_ends_on date,
      suspended_on date,
      cancelled_at timestamptz,
      instance_deletion_requested boolean NOT NULL DEFAULT false
    )`.execute(trx);
    await sql`CREATE TABLE ${invoices} (
      invoice_id uuid PRIMARY KEY,
      instance_id uuid NOT NULL,
      due_on date NOT NULL,
      overdue boolean NOT NULL DEFAULT false,
      reminders text[] NOT NULL DEFAULT '{}'
    )`.execute(trx);
    await sql`CREATE INDEX ${sql.id(`${tables.dunning_invoices.name}_due_idx`)} ON ${invoices} (due_on)`.execute(trx);
  },
  async handle(events, trx, tables) {
    const subscriptions = sql.id(tables.dunning_subscriptions.schema, tables.dunning_subscriptions.name);
    const invoices = sql.id(tables.dunning_invoices.schema, tables.dunning_invoices.name);
    for (const recorded of events) {
      if (isStreamOf(instanceCategory, recorded.streamName)) {
        if (recorded.type === 'InstanceDeletionRequested') {
          const { instanceId } = recorded.data as { instanceId: string };
          await sql`UPDATE ${subscriptions} SET instance_deletion_requested = true WHERE instance_id = ${instanceId}`.execute(trx);
        }
        continue;
      }
      if (!isStreamOf(subscriptionCategory, recorded.streamName)) continue;
      const event = recorded as unknown as SubscriptionEvent;
      const { instanceId } = event.data;
      const set = (assignments: ReturnType<typeof sql>) => sql`UPDATE ${subscriptions} SET ${assignments} WHERE instance_id = ${instanceId}`.execute(trx);
      switch (event.type) {
        case 'SubscriptionStarted':
          await sql`INSERT INTO ${subscriptions} (instance_id, tenant_id, state) VALUES (${instanceId}, ${event.data.tenantId}, 'trialing')
            ON CONFLICT (instance_id) DO NOTHING`.execute(trx);
          break;
        case 'SubscriptionInvoiced':
          await sql`INSERT INTO ${invoices} (invoice_id, instance_id, due_on) VALUES (${event.data.invoiceId}, ${instanceId}, ${event.data.dueOn})
            ON CONFLICT (invoice_id) DO NOTHING`.execute(trx);
          break;
        case 'SubscriptionInvoiceSettled':
          await sql`DELETE FROM ${invoices} WHERE invoice_id = ${event.data.invoiceId}`.execute(trx);
          break;
        case 'SubscriptionPaymentReminded':
          await sql`UPDATE ${invoices} SET reminders = array_append(reminders, ${event.data.reminder}::text) WHERE invoice_id = ${event.data.invoiceId}`.execute(trx);
          break;
        case 'SubscriptionActivated':
        case 'SubscriptionReactivated':
          await set(sql`state = 'active', grace_ends_on = NULL, suspended_on = NULL`);
          break;
        case 'SubscriptionMarkedPastDue':
          await sql`UPDATE ${invoices} SET overdue = true WHERE invoice_id = ${event.data.invoiceId}`.execute(trx);
          await set(sql`state = CASE WHEN state = 'suspended' THEN state ELSE 'past_due' END, grace_ends_on = ${event.data.graceEndsOn}`);
          break;
        case 'SubscriptionGraceExtended':
          await set(sql`grace_ends_on = ${event.data.graceEndsOn}`);
          break;
        case 'SubscriptionSuspended':
          await set(sql`state = 'suspended', suspended_on = ${event.data.suspendedOn}`);
          break;
        case 'SubscriptionResumed':
          await set(event.data.reason === 'paid'
            ? sql`state = 'active', grace_ends_on = NULL, suspended_on = NULL`
            : sql`state = 'past_due', suspended_on = NULL`);
          break;
        case 'SubscriptionCancelled':
          // The retention period counts from the cancellation as recorded.
          await set(sql`state = 'cancelled', cancelled_at = ${recorded.createdAt}`);
          break;
        default:
          break;
      }
    }
  },
};
