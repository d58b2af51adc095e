import { loadInstanceState } from '../../commands/loadInstanceState';
import { defineSaga } from '../runtime/defineSaga';
import type { SagaDefinition } from '../runtime/sagaDefinition';
import { sendSagaCommand } from '../runtime/sendSagaCommand';
import type { DunningSagaDeps } from './dunningSagaDeps';

type Input = { instanceId: string };

/** A provisioned instance starts its subscription's trial (decision 048), in the integration's
 * currency and monthly until the tenant chooses otherwise; the trial's end is its first period. */
export function startSubscriptionSaga(deps: DunningSagaDeps): SagaDefinition<Input> {
  return defineSaga<Input>('startSubscription')
    .step('startTrial', {
      timeoutMs: 30_000,
      run: async (ctx) => {
        const instance = await loadInstanceState(deps.store, ctx.input.instanceId);
        if (instance.status === 'absent') return { started: false };
        await sendSagaCommand(deps.handleCommand, ctx, 'start', 'StartSubscription', {
          instanceId: instance.instanceId, tenantId: instance.tenantId, plan: instance.plan, currency: deps.subscriptions.currency, interval: 'monthly',
          startedOn: ctx.triggeredAt.toISOString().slice(0, 10), trialDays: deps.subscriptions.trialDays,
        }, instance.tenantId);
        return { started: true };
      },
    })
    .onCompleted(async () => undefined)
    .onFailed(async () => undefined)
    .build();
}
