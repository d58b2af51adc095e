import { aggregateStream } from '../../commands/aggregateStream';
import { loadInvoice } from '../../commands/billingCommandHandlers';
import { issueInvoice } from '../../commands/issueInvoice';
import { addDays } from '../../domain/billing/calendarDays';
import { planPrice } from '../../domain/billing/priceCatalogue';
import { subscriptionDecider } from '../../domain/billing/subscription/subscriptionDecider';
import type { SubscriptionPlanChanged } from '../../domain/billing/subscription/subscriptionEvents';
import { subscriptionStream } from '../../domain/billing/subscription/subscriptionStream';
import type { InstanceResized } from '../../domain/instance/instanceEvents';
import { defineSaga } from '../runtime/defineSaga';
import type { SagaDefinition } from '../runtime/sagaDefinition';
import { sendSagaCommand } from '../runtime/sendSagaCommand';
import type { DunningSagaDeps } from './dunningSagaDeps';

type Input = InstanceResized['data'];

/**
 * The subscription follows a resize (decision 048): ChangeSubscriptionPlan at the catalogue's price
 * in the current period's currency; then the proration it decided becomes a document: an upgrade's
 * charge an invoice of its own (no period, due after the payment term), a downgrade's credit a
 * credit note. Document ids derive from the saga, so a resumed saga finishes the same one.
 */
export function followInstanceResizeSaga(deps: DunningSagaDeps): SagaDefinition<Input> {
  const { billing } = deps;
  return defineSaga<Input>('followInstanceResize')
    .step('changePlan', {
      timeoutMs: 30_000,
      run: async (ctx) => {
        const { instanceId, plan } = ctx.input;
        const subscription = await aggregateStream(deps.store, subscriptionDecider, subscriptionStream(instanceId));
        if (subscription.status === 'absent' || subscription.status === 'cancelled') return { changed: false };
        const currency = subscription.period?.price.currency ?? subscription.currency;
        const price = planPrice(billing.prices, plan, currency, subscription.interval);
        await sendSagaCommand(deps.handleCommand, ctx, 'change-plan', 'ChangeSubscriptionPlan', {
          instanceId, plan, price, changedOn: ctx.triggeredAt.toISOString().slice(0, 10),
        }, subscription.tenantId);
        return { changed: true };
      },
    })
    .step('documentProration', {
      timeoutMs: 60_000,
      run: async (ctx) => {
        if (!ctx.outputs.changePlan.changed) return { documentId: null };
        const { instanceId, plan } = ctx.input;
        const events = await deps.store.readStream(subscriptionStream(instanceId));
        const changed = events.filter((event) => event.type === 'SubscriptionPlanChanged').map((event) => event.data as SubscriptionPlanChanged['data'])
          .filter((data) => data.plan === plan).pop();
        const subscription = await aggregateStream(deps.store, subscriptionDecider, subscriptionStream(instanceId));
        if (!changed?.proration || subscription.status === 'absent') return { documentId: null };
        const { proration } = changed;
        const documentId = ctx.sagaId;
        const tenantId = subscription.tenantId;
        const metadata = (step: string) => ({ commandId: `saga:followInstanceResize:${ctx.sagaId}:${step}`, actor: 'system:saga-followInstanceResize', correlationId: ctx.correlationId, tenantId });
        const dueOn = addDays(changed.changedOn, billing.paymentTermDays);
        if ((await loadInvoice(deps.store, documentId)).status === 'absent') {
          await deps.handleCommand({
            type: 'DraftInvoice',
            data: {
              invoiceId: documentId, tenantId, instanceId, kind: proration.kind === 'charge' ? 'invoice' : 'creditNote', currency: proration.amount.currency, dueOn,
              lines: [{
                description: `Plan change ${changed.previousPlan} → ${plan} on ${changed.changedOn}: ${proration.remainingDays} of ${proration.periodDays} days`,
                quantity: 1, unitAmountMinor: proration.amount.amountMinor,
              }],
              tax: { name: 'VAT', rateBasisPoints: billing.taxBasisPoints },
            },
            metadata: metadata('draft'),
          });
        }
        const document = await loadInvoice(deps.store, documentId);
        if (document.status === 'draft') await issueInvoice({ handleCommand: deps.handleCommand, store: deps.store }, { invoiceId: documentId, issuedOn: changed.changedOn }, metadata('issue'));
        const issued = await loadInvoice(deps.store, documentId);
        if (proration.kind === 'charge' && issued.status !== 'absent') {
          await sendSagaCommand(deps.handleCommand, ctx, 'record', 'RecordInvoiceIssued', {
            instanceId, invoiceId: documentId, total: { amountMinor: issued.totalMinor, currency: issued.currency }, dueOn, period: null,
          }, tenantId);
        }
        return { documentId };
      },
    })
    .onCompleted(async () => undefined)
    .onFailed(async () => undefined)
    .build();
}
