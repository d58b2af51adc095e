import { NotFoundError } from '../../domain/shared/decider';
import { defineSaga } from '../runtime/defineSaga';
import type { SagaDefinition } from '../runtime/sagaDefinition';
import { sendSagaCommand } from '../runtime/sendSagaCommand';
import type { DunningSagaDeps } from './dunningSagaDeps';

type Input = { instanceId: string; reason?: string };

/** A deleted instance is billed no more: its subscription is cancelled (no period after it is
 * invoiced; what is already owed stays owed). Nothing to do without a subscription. */
export function endSubscriptionSaga(deps: DunningSagaDeps): SagaDefinition<Input> {
  return defineSaga<Input>('endSubscription')
    .step('cancel', {
      timeoutMs: 30_000,
      run: async (ctx) => {
        try {
          await sendSagaCommand(deps.handleCommand, ctx, 'cancel', 'CancelSubscription', { instanceId: ctx.input.instanceId, reason: 'the instance was deleted' });
        } catch (error) {
          if (error instanceof NotFoundError) return { cancelled: false };
          throw error;
        }
        return { cancelled: true };
      },
    })
    .onCompleted(async () => undefined)
    .onFailed(async () => undefined)
    .build();
}
