import { z } from 'zod';
import { billingIntervals } from '../domain/billing/billingPeriod';
import { isCalendarDay } from '../domain/billing/calendarDays';
import { invoiceKinds } from '../domain/billing/invoice/invoiceTotals';
import { currencies } from '../domain/billing/money';
import { paymentReminders } from '../domain/billing/subscription/subscriptionCommands';
import { planSchema } from './instanceCommandSchemas';

const instanceId = z.uuid();
const invoiceId = z.uuid();
const day = z.string().refine(isCalendarDay, 'must be a calendar day (YYYY-MM-DD)');
const currency = z.enum(currencies);
const interval = z.enum(billingIntervals);
/** Integer minor units (cents): money is never a float (src/domain/billing/money.ts). */
const moneySchema = z.strictObject({ amountMinor: z.int().min(0), currency });
const reason = z.string().trim().min(1, 'a reason is required').max(500);

export const startSubscriptionSchema = z.strictObject({
  instanceId, tenantId: z.uuid(), plan: planSchema, currency: currency.default('USD'), interval: interval.default('monthly'),
  startedOn: day, trialDays: z.int().min(0).max(365),
});
export const changeSubscriptionBillingSchema = z.strictObject({ instanceId, currency: currency.optional(), interval: interval.optional() })
  .refine((data) => data.currency !== undefined || data.interval !== undefined, 'name a currency, an interval or both');
export const changeSubscriptionPlanSchema = z.strictObject({ instanceId, plan: planSchema, price: moneySchema, changedOn: day });
export const recordInvoiceIssuedSchema = z.strictObject({
  instanceId, invoiceId, total: moneySchema, dueOn: day,
  period: z.strictObject({ start: day, end: day, price: moneySchema }).nullable(),
});
export const recordInvoiceSettledSchema = z.strictObject({ instanceId, invoiceId, settlement: z.enum(['paid', 'waived', 'voided']) });
export const markSubscriptionPastDueSchema = z.strictObject({ instanceId, invoiceId, graceEndsOn: day });
export const recordPaymentReminderSchema = z.strictObject({ instanceId, invoiceId, reminder: z.enum(paymentReminders) });
export const suspendSubscriptionSchema = z.strictObject({ instanceId, suspendedOn: day });
export const extendSubscriptionGraceSchema = z.strictObject({ instanceId, graceEndsOn: day, reason });
export const cancelSubscriptionSchema = z.strictObject({ instanceId, reason: reason.default('cancelled on request') });

export const draftInvoiceSchema = z.strictObject({
  invoiceId: invoiceId.optional(), tenantId: z.uuid(), instanceId, kind: z.enum(invoiceKinds).default('invoice'), currency,
  lines: z.array(z.strictObject({
    description: z.string().trim().min(1).max(300), quantity: z.int().min(1).max(100_000), unitAmountMinor: z.int().min(0),
  })).min(1).max(100),
  tax: z.strictObject({ name: z.string().trim().min(1).max(50), rateBasisPoints: z.int().min(0).max(10_000).describe('1500 = 15 %') }),
  dueOn: day,
  creditedInvoiceId: invoiceId.nullable().default(null),
});
export const assignInvoiceNumberSchema = z.strictObject({ currency, invoiceId });
export const issueInvoiceSchema = z.strictObject({ invoiceId, number: z.int().min(1), issuedOn: day });
export const recordPaymentReceivedSchema = z.strictObject({
  invoiceId, reference: z.string().trim().min(1).max(100).describe('the gateway\'s (Paynow\'s) reference of the payment'),
  amount: moneySchema, receivedAt: z.iso.datetime(),
});
export const invoiceReasonSchema = z.strictObject({ invoiceId, reason });
