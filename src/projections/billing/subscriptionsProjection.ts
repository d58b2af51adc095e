import { sql } from 'kysely';
import type { SubscriptionEvent } from '../../domain/billing/subscription/subscriptionEvents';
import { subscriptionCategory } from '../../domain/billing/subscription/subscriptionStream';
import { isStreamOf } from '../../domain/shared/streamNames';
import type { Projection, ProjectionTransaction, TableNames } from '../runtime/projection';

/** The `subscriptions` read model: per instance, what the tenant is on and when it is billed next
 * (docs/decisions/048). The subscription aggregate decides; this is the copy the routes read. */
export const subscriptionsProjection: Projection<'subscriptions'> = {
  name: 'subscriptions',
  version: 1,
  streamCategories: [subscriptionCategory],
  tables: ['subscriptions'],
  async migrate(trx: ProjectionTransaction, tables: TableNames<'subscriptions'>) {
    const { schema, name } = tables.subscriptions;
    await sql`CREATE TABLE ${sql.id(schema, name)} (
      instance_id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL,
      state text NOT NULL,
      plan text NOT NULL,
      currency text NOT NULL,
      billing_interval text NOT NULL,
      trial_ends_on date NOT NULL,
      period_start date,
      period_end date,
      next_invoice_on date NOT NULL,
      grace_ends_on date
    )`.execute(trx);
    await sql`CREATE INDEX ${sql.id(`${name}_tenant_idx`)} ON ${sql.id(schema, name)} (tenant_id)`.execute(trx);
  },
  async handle(events, trx, tables) {
    const table = sql.id(tables.subscriptions.schema, tables.subscriptions.name);
    for (const recorded of events) {
      if (!isStreamOf(subscriptionCategory, recorded.streamName)) continue;
      const event = recorded as unknown as SubscriptionEvent;
      const { instanceId } = event.data;
      const set = (assignments: ReturnType<typeof sql>) => sql`UPDATE ${table} SET ${assignments} WHERE instance_id = ${instanceId}`.execute(trx);
      switch (event.type) {
        case 'SubscriptionStarted': {
          const d = event.data;
          await sql`INSERT INTO ${table} (instance_id, tenant_id, state, plan, currency, billing_interval, trial_ends_on, next_invoice_on)
            VALUES (${instanceId}, ${d.tenantId}, 'trialing', ${d.plan}, ${d.currency}, ${d.interval}, ${d.trialEndsOn}, ${d.trialEndsOn})
            ON CONFLICT (instance_id) DO NOTHING`.execute(trx);
          break;
        }
        case 'SubscriptionBillingChanged':
          await set(sql`currency = ${event.data.currency}, billing_interval = ${event.data.interval}`);
          break;
        case 'SubscriptionPlanChanged':
          await set(sql`plan = ${event.data.plan}`);
          break;
        case 'SubscriptionInvoiced':
          // A period's invoice moves the period on; a proration charge (no period) does not.
          if (event.data.period) await set(sql`period_start = ${event.data.period.start}, period_end = ${event.data.period.end}, next_invoice_on = ${event.data.period.end}`);
          break;
        case 'SubscriptionActivated':
        case 'SubscriptionReactivated':
          await set(sql`state = 'active', grace_ends_on = NULL`);
          break;
        case 'SubscriptionMarkedPastDue':
          await set(sql`state = 'past_due', grace_ends_on = ${event.data.graceEndsOn}`);
          break;
        case 'SubscriptionGraceExtended':
          await set(sql`grace_ends_on = ${event.data.graceEndsOn}`);
          break;
        case 'SubscriptionSuspended':
          await set(sql`state = 'suspended'`);
          break;
        case 'SubscriptionResumed':
          await set(event.data.reason === 'paid' ? sql`state = 'active', grace_ends_on = NULL` : sql`state = 'past_due'`);
          break;
        case 'SubscriptionCancelled':
          await set(sql`state = 'cancelled'`);
          break;
        default:
          break;
      }
    }
  },
};
