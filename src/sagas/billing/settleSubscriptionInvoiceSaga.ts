import { loadInvoice } from '../../commands/billingCommandHandlers';
import { NotFoundError } from '../../domain/shared/decider';
import { defineSaga } from '../runtime/defineSaga';
import type { SagaDefinition } from '../runtime/sagaDefinition';
import { sendSagaCommand } from '../runtime/sendSagaCommand';
import type { DunningSagaDeps } from './dunningSagaDeps';

type Input = { invoiceId: string };
const settlements = { paid: 'paid', waived: 'waived', void: 'voided' } as const;

/**
 * An invoice stopped being owed (InvoicePaid, InvoiceWaived, InvoiceVoided): its subscription hears
 * of it (RecordInvoiceSettled), which reactivates a past-due one and resumes a suspended one
 * (docs/decisions/048, 052). Nothing to do for a credit note, nor for an invoice of an instance
 * without a subscription.
 */
export function settleSubscriptionInvoiceSaga(deps: DunningSagaDeps): SagaDefinition<Input> {
  return defineSaga<Input>('settleSubscriptionInvoice')
    .step('recordOnSubscription', {
      timeoutMs: 30_000,
      run: async (ctx) => {
        const invoice = await loadInvoice(deps.store, ctx.input.invoiceId);
        if (invoice.status === 'absent' || invoice.kind !== 'invoice' || !(invoice.status in settlements)) return { settled: false };
        const settlement = settlements[invoice.status as keyof typeof settlements];
        try {
          await sendSagaCommand(deps.handleCommand, ctx, 'settle', 'RecordInvoiceSettled', { instanceId: invoice.instanceId, invoiceId: invoice.invoiceId, settlement }, invoice.tenantId);
        } catch (error) {
          if (error instanceof NotFoundError) return { settled: false };
          throw error;
        }
        return { settled: true };
      },
    })
    .onCompleted(async () => undefined)
    .onFailed(async () => undefined)
    .build();
}
