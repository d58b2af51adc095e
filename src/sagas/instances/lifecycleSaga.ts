import type { InstanceOperation } from '../../domain/instance/instanceCommands';
import type { SagaSteps } from '../runtime/defineSaga';
import type { SagaDefinition } from '../runtime/sagaDefinition';
import { sendSagaCommand } from '../runtime/sendSagaCommand';
import type { InstanceSagaDeps } from './instanceSagaDeps';

/** A lifecycle saga: its steps, then the operation's outcome reported to the aggregate. */
export function lifecycleSaga<Input extends { instanceId: string }, Outputs>(
  deps: InstanceSagaDeps, operation: InstanceOperation, steps: SagaSteps<Input, Outputs>,
): SagaDefinition<Input> {
  return steps
    .onCompleted(async (ctx) => {
      await sendSagaCommand(deps.handleCommand, ctx, 'completed', 'RecordInstanceOperationCompleted', { instanceId: ctx.input.instanceId, operation });
    })
    .onFailed(async (ctx, failure) => {
      await sendSagaCommand(deps.handleCommand, ctx, 'failed', 'RecordInstanceOperationFailed', {
        instanceId: ctx.input.instanceId, operation, reason: `${failure.step}: ${failure.reason}`.slice(0, 2000),
      });
    })
    .build();
}
