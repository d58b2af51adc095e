import { aggregateStream } from '../../commands/aggregateStream';
import { loadInstanceState } from '../../commands/loadInstanceState';
import { subscriptionDecider } from '../../domain/billing/subscription/subscriptionDecider';
import { subscriptionStream } from '../../domain/billing/subscription/subscriptionStream';
import { defineSaga } from '../runtime/defineSaga';
import type { SagaContext, SagaDefinition } from '../runtime/sagaDefinition';
import { SagaDeferral } from '../runtime/sagaErrors';
import { sendSagaCommand } from '../runtime/sendSagaCommand';
import type { DunningSagaDeps } from './dunningSagaDeps';

type Input = { instanceId: string };
const gone = ['absent', 'deleting', 'deleted', 'failed', 'provisioning'];

/**
 * The instance follows its subscription (docs/decisions/052) through the instance's own lifecycle
 * sagas: suspended or cancelled → StopInstance (data kept), then a suspended subscription's address
 * shows "suspended — pay to resume"; resumed (paid, or grace extended) → StartInstance. Each saga
 * first reads the subscription again, so a late one never undoes a newer decision, and waits while
 * another operation holds the instance.
 */
export function instanceHoldSagas(deps: DunningSagaDeps): SagaDefinition[] {
  const recheckMs = deps.recheckMs ?? 1_000;
  const later = (reason: string) => new SagaDeferral(new Date(Date.now() + recheckMs), reason);
  const subscriptionStatus = async (instanceId: string) => (await aggregateStream(deps.store, subscriptionDecider, subscriptionStream(instanceId))).status;

  const suspend = defineSaga<Input>('suspendInstance')
    .step('requestStop', {
      timeoutMs: 30_000,
      run: async (ctx) => {
        const status = await subscriptionStatus(ctx.input.instanceId);
        if (status !== 'suspended' && status !== 'cancelled') return { stopping: false };
        const instance = await loadInstanceState(deps.store, ctx.input.instanceId);
        if (instance.status === 'absent' || gone.includes(instance.status)) return { stopping: false };
        if (instance.pendingOperation !== null) throw later(`instance busy (${instance.pendingOperation})`);
        if (instance.status === 'running') await sendSagaCommand(deps.handleCommand, ctx, 'stop', 'StopInstance', { instanceId: ctx.input.instanceId }, instance.tenantId);
        return { stopping: true };
      },
    })
    .step('awaitStopped', {
      timeoutMs: 30_000,
      // Deferrals are not attempts; these are for a stop that failed and left it running.
      maxAttempts: 5,
      run: async (ctx) => {
        if (!ctx.outputs.requestStop.stopping) return { stopped: false };
        const instance = await loadInstanceState(deps.store, ctx.input.instanceId);
        if (instance.status === 'stopped' && instance.pendingOperation === null) return { stopped: true };
        if (instance.status === 'absent' || gone.includes(instance.status)) return { stopped: false };
        if (instance.pendingOperation !== null) throw later('the instance is stopping');
        throw new Error(`instance ${ctx.input.instanceId} is ${instance.status} after its stop`);
      },
    })
    .step('showSuspendedPage', {
      timeoutMs: 30_000,
      run: async (ctx) => {
        if (!ctx.outputs.awaitStopped.stopped || !deps.router) return;
        // Paid meanwhile (the resume saga starts it) or cancelled: the stop saga's page stays.
        if ((await subscriptionStatus(ctx.input.instanceId)) !== 'suspended') return;
        const instance = await loadInstanceState(deps.store, ctx.input.instanceId);
        if (instance.status !== 'stopped') return;
        await deps.router.showUnavailable({ instanceId: ctx.input.instanceId, host: `${instance.subdomain}.${deps.baseDomain}`, state: 'suspended' });
      },
    })
    .onCompleted(async () => undefined)
    .onFailed(async () => undefined)
    .build();

  const resume = defineSaga<Input>('resumeInstance')
    .step('requestStart', {
      timeoutMs: 30_000,
      run: async (ctx) => startIfStopped(ctx),
    })
    .onCompleted(async () => undefined)
    .onFailed(async () => undefined)
    .build();

  async function startIfStopped(ctx: SagaContext<Input, object>) {
    const status = await subscriptionStatus(ctx.input.instanceId);
    if (status !== 'active' && status !== 'past_due') return { started: false };
    const instance = await loadInstanceState(deps.store, ctx.input.instanceId);
    if (gone.includes(instance.status) || instance.status === 'absent') return { started: false };
    // The suspension's stop may still be under way: start once it is done.
    if (instance.pendingOperation !== null) throw later(`instance busy (${instance.pendingOperation})`);
    if (instance.status === 'running') return { started: false };
    await sendSagaCommand(deps.handleCommand, ctx, 'start', 'StartInstance', { instanceId: ctx.input.instanceId }, instance.tenantId);
    return { started: true };
  }

  return [suspend as SagaDefinition, resume as SagaDefinition];
}
