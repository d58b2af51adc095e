import { createInMemoryCommandLog } from '../../src/adapters/commandLog/createInMemoryCommandLog';
import { createInMemoryEventStore } from '../../src/adapters/eventstore/inMemory/createInMemoryEventStore';
import { commandHandlers } from '../../src/commands/commandHandlers';
import { createCommandPipeline } from '../../src/commands/handleCommand';
import { defaultPriceCatalogue } from '../../src/domain/billing/priceCatalogue';
import { invoiceDuePeriods } from '../../src/processes/invoiceDuePeriods';
import type { SubscriptionDue } from '../../src/projections/billing/querySubscriptions';

// The billing cycle reads what is due from the subscriptions read model, which can lag: a
// subscription cancelled a moment ago (its instance deleted) was still listed, and CI saw it get
// the next period's invoice (a number spent, a charge for a deleted instance).
describe('invoiceDuePeriods', () => {
  const instanceId = '0193f4a0-0000-7000-8000-000000000001';
  const tenantId = '0193f4a0-0000-7000-8000-000000000002';
  let counter = 0;
  const metadata = () => ({ commandId: `cmd-${(counter += 1)}`, actor: 'system:test', correlationId: 'c', tenantId });

  async function subscribed() {
    const store = createInMemoryEventStore();
    const handleCommand = createCommandPipeline({ store, commandLog: createInMemoryCommandLog(), handlers: commandHandlers, conflictRetries: 3 });
    await handleCommand({ type: 'StartSubscription', metadata: metadata(), data: {
      instanceId, tenantId, plan: 'starter', currency: 'USD', interval: 'monthly', startedOn: '2026-12-01', trialDays: 14,
    } });
    // What the read model lists on the trial's last day, stale or not.
    const listed: SubscriptionDue = { instanceId, tenantId, plan: 'starter', currency: 'USD', interval: 'monthly', trialEndsOn: '2026-12-15', nextInvoiceOn: '2026-12-15' };
    const deps = { handleCommand, store, prices: defaultPriceCatalogue, taxBasisPoints: 0, paymentTermDays: 7, due: async () => [listed] };
    const invoicedEvents = async () => (await store.readStream(`subscription-${instanceId}`)).filter((event) => event.type === 'SubscriptionInvoiced');
    return { handleCommand, store, deps, invoicedEvents };
  }

  it('given a subscription still listed as due after its cancellation, when the cycle ticks, then no invoice is drafted or recorded', async () => {
    const { handleCommand, store, deps, invoicedEvents } = await subscribed();
    await handleCommand({ type: 'CancelSubscription', metadata: metadata(), data: { instanceId, reason: 'instance deleted' } });

    expect(await invoiceDuePeriods(deps, '2026-12-15')).toBe(0);
    expect(await invoicedEvents()).toEqual([]);
    expect((await store.readAll()).filter((event) => event.streamName.startsWith('invoice-'))).toEqual([]);
  });

  it('given a trialing subscription listed as due, when the cycle ticks twice, then its period is invoiced once', async () => {
    const { deps, invoicedEvents } = await subscribed();
    expect(await invoiceDuePeriods(deps, '2026-12-15')).toBe(1);
    await invoiceDuePeriods(deps, '2026-12-15');
    expect((await invoicedEvents()).map((event) => (event.data as { period: { start: string } }).period.start)).toEqual(['2026-12-15']);
  });
});
